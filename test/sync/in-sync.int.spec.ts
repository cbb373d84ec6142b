/**
 * The sync tests' two waits. `settle` says HQ holds each desk's events; `inSync` says every desk
 * holds HQ's head too. A desk that acts on another's work must wait for the second: here desk B
 * pulls slowly (small pages, each answer delayed), as on a loaded CI machine, and acts on A's
 * consultation as soon as the wait returns. With `settle` in its place B has only the first pages
 * and its procedure is refused (the visit is not yet on B).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inSync, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { signInWhenStaffArrive } from '../support/joining-desk.js';
import { consultVisit, execute, openClinicDay } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;

afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('waiting for desks to be in sync', () => {
  it('a desk whose pulls are slow holds another desk`s consultation once inSync returns, and performs its plan', async () => {
    clinic = await startSyncClinic({ timing: { pageSize: 3 } });
    const a = await clinic.addDesk('A');
    const day = await openClinicDay(a);
    await consultVisit(a, day);
    const b = await clinic.addDesk('B', { proxy: true, proxyFault: ({ path }) => (path.startsWith('/v1/events') ? 'delay' : 'pass') });
    await signInWhenStaffArrive(b, day);
    await inSync(clinic, [a, b], 30_000);
    const started = await execute(b, 'StartProcedure', day.visitId, { itemId: '1', performedBy: day.doctor });
    expect(started.events.map((event) => event.type)).toEqual(['ProcedureStarted']);
  });
});
