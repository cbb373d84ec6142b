/**
 * A new desk joining a clinic whose HQ holds a long history (issue 14): it pulls the whole log
 * with only staff and clinic settings following each page, then builds its other read models once
 * from the log. Meanwhile sign-in works, sync.status (and desk.status, for the sign-in screen)
 * shows the pulling and then the building phase, and commands are refused with LOADING_HISTORY; afterwards its read models equal a
 * rebuild and answer what the other desks answer. A desk closed half-way rebuilds them when it
 * opens again. (The threshold is lowered to a few hundred events; pulls are slowed by a proxy.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract/desk-views.js';
import { PIN } from '../support/desk-harness.js';
import { DEFERRED, historyOn, JOINING, recordedVersions, screens, signInWhenStaffArrive, slowJoiner as slowJoinerOf, untilPhase } from '../support/joining-desk.js';
import { inSync, settle, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { execute, expectConverged } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

const clinicWithHistory = async () => {
  clinic = await startSyncClinic({ timing: JOINING });
  return historyOn(clinic);
};

const slowJoiner = (name: string) => slowJoinerOf(clinic as SyncClinic, name);

describe('a new desk joining a clinic with a long history', () => {
  it('pulls first and builds its read models at the end: signs in meanwhile, shows both phases, refuses commands until done, then equals the others', async () => {
    const { a, day } = await clinicWithHistory();
    const c = await slowJoiner('C');
    await signInWhenStaffArrive(c, day);

    const phases = new Set<string>();
    const refusals = new Set<string>();
    /** What the status said of its lists while it loaded: loading, with no conflict counted from a half-built list. */
    const whileLoading = new Set<string>();
    let status: SyncStatus;
    for (const deadline = Date.now() + 60_000; ; ) {
      if (Date.now() > deadline) throw new Error('C never caught up');
      status = await c.call('sync.status', {});
      if (status.catchUp) {
        phases.add(status.catchUp.phase ?? 'none');
        whileLoading.add(`loading ${String(status.loadingHistory)}, ${status.conflicts} conflicts`);
        const attempt = await c.invoke('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: 'too early' } });
        if (!attempt.ok) refusals.add(attempt.error.code);
        else throw new Error('C took a command while loading the history');
      } else if (c.pulledThrough() > 0 && phases.size > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect([...phases].sort()).toEqual(['building', 'pulling']);
    expect([...refusals]).toEqual(['LOADING_HISTORY']);
    expect([...whileLoading]).toEqual(['loading true, 0 conflicts']);
    expect(status).toMatchObject({ loadingHistory: false, conflicts: 1 });

    // Done: every read model current again, commands taken.
    expect(Object.entries(recordedVersions(c)).filter(([, version]) => version < 0)).toEqual([]);
    await execute(c, 'AddMemo', day.visitId, { text: 'C is ready' });
    await settle(c, a);
    await expectConverged(clinic as SyncClinic, [a, c], 20_000);
    expect(await screens(c, day)).toEqual(await screens(a, day));
    expect((await c.call('conflicts.list', {})).items).toHaveLength(1);
  });

  it('before anyone signs in, desk.status tells the loading (receiving, then preparing, with how far) and nothing once the desk is built', async () => {
    const { a } = await clinicWithHistory();
    const c = await slowJoiner('C');

    /** Each answer of desk.status while loading, as a phase and whether its numbers are a progress. */
    const seen = new Set<string>();
    let pulledAtMost = 0;
    let builtAtMost = 0;
    for (const deadline = Date.now() + 60_000; ; ) {
      if (Date.now() > deadline) throw new Error('C never caught up');
      const status = await c.call('desk.status', {});
      expect(status.session).toBeNull();
      const catchUp = status.loading?.catchUp;
      if (status.loading) {
        // Only how far: nothing of the clinic's records goes out before sign-in.
        expect(Object.keys(status.loading)).toEqual(['catchUp']);
        seen.add(catchUp?.phase ?? 'none');
        if (catchUp?.phase === 'pulling') {
          expect(catchUp.pulled).toBeLessThan(catchUp.head);
          pulledAtMost = Math.max(pulledAtMost, catchUp.pulled);
        } else if (catchUp?.phase === 'building') {
          expect(catchUp.built ?? 0).toBeLessThanOrEqual(catchUp.toBuild ?? 0);
          builtAtMost = Math.max(builtAtMost, catchUp.built ?? 0);
        }
        // Done loading, or (a desk that never told it) the whole history here.
      } else if (seen.size > 0 || c.pulledThrough() >= a.pulledThrough()) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect([...seen].sort()).toEqual(['building', 'pulling']);
    expect(pulledAtMost).toBeGreaterThan(0);
    expect(builtAtMost).toBeGreaterThan(0);
    // Built: the whole history is here, nobody signed in, and sync.status still needs a person.
    expect(c.pulledThrough()).toBeGreaterThanOrEqual(a.pulledThrough());
    expect((await c.call('desk.status', {})).loading).toBeNull();
    expect(await c.invoke('sync.status', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('events other desks make while it catches up end up in its read models too', async () => {
    const { a, b, day } = await clinicWithHistory();
    const c = await slowJoiner('C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'pulling');
    const late = await execute(b, 'RegisterPatient', undefined, { name: '늦은환자', phone: '010-7777-8888' });
    await execute(a, 'AddMemo', day.visitId, { text: 'while C catches up' });
    await inSync(clinic as SyncClinic, [a, b, c], 60_000);
    await expectConverged(clinic as SyncClinic, [a, b, c], 20_000);
    expect((await c.call('patients.search', { q: '늦은환자' })).items.map((p) => p.patientId)).toEqual([late.streamId]);
    expect(await screens(c, day)).toEqual(await screens(a, day));
  });

  it('closed half-way through its catch-up, it opens, loads the rest of the history before it takes a command, and ends equal to a rebuild', async () => {
    const { a, day } = await clinicWithHistory();
    const c = await slowJoiner('C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'pulling', () => c.pulledThrough() >= 25);
    await c.close();
    // still far enough behind to defer again (JOINING.deferReadModelsFrom)
    expect(a.pulledThrough() - c.pulledThrough()).toBeGreaterThanOrEqual(JOINING.deferReadModelsFrom ?? 0);
    // Closed while deferred: the read models are recorded stale (the version no projection has).
    const versions = recordedVersions(c);
    expect(DEFERRED.filter((name) => (versions[name] ?? 0) < 0)).toEqual(DEFERRED);
    expect(versions['staff']).toBeGreaterThan(0);

    // Opened again: it has part of the history and decided nothing, so it defers again (its lists,
    // rebuilt from that part when it opened, must not take a command) and builds them at HQ's head.
    const again = await (clinic as SyncClinic).addDesk('C again', {
      dataDir: c.dataDir,
      deviceId: c.deviceId,
      token: c.token,
      proxy: true,
      proxyFault: ({ path: requestPath }) => (requestPath.startsWith('/v1/events') ? 'delay' : 'pass'),
    });
    await again.call('session.signIn', { staffId: day.manager, pin: PIN });
    const refusals = new Set<string>();
    const phases = new Set<string>();
    for (const deadline = Date.now() + 60_000; ; ) {
      if (Date.now() > deadline) throw new Error('C never caught up');
      const status = await again.call('sync.status', {});
      if (!status.catchUp && again.pulledThrough() >= a.pulledThrough()) break;
      if (status.catchUp) {
        phases.add(status.catchUp.phase ?? 'none');
        const attempt = await again.invoke('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: 'too early' } });
        if (attempt.ok) throw new Error('C took a command on part of the history');
        refusals.add(attempt.error.code);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect([...refusals]).toEqual(['LOADING_HISTORY']);
    expect(phases.has('building')).toBe(true);
    expect(Object.entries(recordedVersions(again)).filter(([, version]) => version < 0)).toEqual([]);
    await expectConverged(clinic as SyncClinic, [a, again], 20_000);
    expect(await screens(again, day)).toEqual(await screens(a, day));
  });

  it('closed while building its read models, it opens with them rebuilt', async () => {
    const { a, day } = await clinicWithHistory();
    const c = await slowJoiner('C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'building');
    await c.close();
    const versions = recordedVersions(c);
    expect(DEFERRED.filter((name) => (versions[name] ?? 0) < 0)).toEqual(DEFERRED);

    const again = await (clinic as SyncClinic).addDesk('C again', { dataDir: c.dataDir, deviceId: c.deviceId, token: c.token });
    await again.call('session.signIn', { staffId: day.manager, pin: PIN });
    await expectConverged(clinic as SyncClinic, [a, again], 20_000);
    expect(await screens(again, day)).toEqual(await screens(a, day));
  });
});
