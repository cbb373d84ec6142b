/**
 * A desk draining a backlog (an outage's events, pushes full with more behind them) pulls at most
 * once a second (SyncTiming.pullEveryWhileDrainingMs): each pull would bring back a page of its own
 * events, work for the desk, HQ and HQ's database on the cores the drain needs. Another desk's
 * event still arrives, a push's conflict still pulls at once (sync-sequences), and once the drain
 * is over the desk's own events come back and it converges with HQ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultProxy } from '../support/fault-proxy.js';
import { eventually, settle, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { execute, expectConverged, joinDesk, openClinicDay } from '../support/sync-scenarios.js';

/** Six pushes at HQ's 2,000 a push, five of them full with more behind: the desk drains. */
const MEMOS = 12_000;
/**
 * Held for longer than the drain lasts, so that every pull counted is one the hold let through;
 * without the hold, A pulled 8 pages of its own events back during the same drain (pages of 100).
 */
const HOLD_MS = 60_000;

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('a desk draining a backlog', () => {
  it('holds its pulls while it drains (once a second by default); another desk`s event still arrives, and then everything converges', { timeout: 120_000 }, async () => {
    clinic = await startSyncClinic({ timing: { drainFrom: 500, pageSize: 100, pullEveryWhileDrainingMs: HOLD_MS } });
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    const b = await joinDesk(clinic, 'B', day);
    await settle(a, b);
    const proxy = a.proxy as FaultProxy;
    await proxy.down();
    for (let i = 0; i < MEMOS; i++) await execute(a, 'AddMemo', day.visitId, { text: `메모 ${i}: 시술 후 진정 관리 안내` });
    const pulls = (): number => proxy.seen().filter((request) => request.method === 'GET' && request.path.startsWith('/v1/events')).length;
    const before = pulls();

    await proxy.up();
    const started = performance.now();
    // meanwhile another desk registers a patient
    const patient = await execute(b, 'RegisterPatient', undefined, { name: '배수지', phone: '010-4321-8765' });
    await eventually(() => a.unsettled() === 0, 60_000, 'A drained');
    expect(performance.now() - started).toBeLessThan(HOLD_MS);
    // The pull under way as the drain began (after the outage: HQ's continuity check, then the page) and none after it.
    expect(pulls() - before).toBeLessThanOrEqual(3);

    await eventually(async () => (await a.call('patients.search', { q: '배수지' })).items.some((found) => found.patientId === patient.streamId), 10_000, 'B`s patient on A');
    // the drain over, A pulls its own events back: both reach HQ's head (compared once there: the lists are long)
    await eventually(async () => (await a.call('sync.status', {})).catchUp === undefined && a.pulledThrough() === b.pulledThrough() && a.pulledThrough() > MEMOS, 30_000, 'A and B at HQ`s head');
    await expectConverged(clinic, [a, b], 30_000);
  });
});
