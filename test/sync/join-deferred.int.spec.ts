/**
 * A new desk joining a clinic whose HQ holds a long history (issue 14): it pulls the whole log
 * with only staff and clinic settings following each page, then builds its other read models once
 * from the log. Meanwhile sign-in works, sync.status shows the pulling and then the building
 * phase, and commands are refused with LOADING_HISTORY; afterwards its read models equal a
 * rebuild and answer what the other desks answer. A desk closed half-way rebuilds them when it
 * opens again. (The threshold is lowered to a few hundred events; pulls are slowed by a proxy.)
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract/desk-views.js';
import type { SyncTiming } from '../../src-main/core/sync/sync-worker.js';
import { PIN } from '../support/desk-harness.js';
import { eventually, settle, startSyncClinic, type SyncClinic, type SyncDesk } from '../support/sync-clinic.js';
import { caughtUpWith, consultVisit, dropDoneItemOffline, execute, expectConverged, later, twoDesks, type ClinicDay } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/** A few hundred events ahead defers; small pages and build slices, so each phase lasts a while. */
const JOINING: Partial<SyncTiming> = { deferReadModelsFrom: 150, pageSize: 25, loadingPageSize: 25, buildSlice: 10 };

const DEFERRED = ['anomalies', 'audit-trail', 'conflicts', 'patients', 'visits'];

/** A clinic with a history: A and B's day, a conflict between them, then A's busy afternoon (~250 events). */
const clinicWithHistory = async (): Promise<{ a: SyncDesk; b: SyncDesk; day: ClinicDay }> => {
  clinic = await startSyncClinic({ timing: JOINING });
  const { a, b, day } = await twoDesks(clinic);
  await consultVisit(a, day);
  await settle(a, b);
  await caughtUpWith(b, a);
  await dropDoneItemOffline(a, b, day, () => Promise.resolve());
  // The conflict early in the log: a joining desk builds its conflicts list long before the end.
  await settle(a, b);
  await eventually(async () => (await a.call('conflicts.list', {})).items.length === 1, 10_000, 'the conflict at A');
  for (let i = 0; i < 40; i++) {
    const patient = await execute(a, 'RegisterPatient', undefined, { name: `환자${i}`, phone: `010-5555-${String(1000 + i)}` });
    const visit = await execute(a, 'Reserve', undefined, { patientId: patient.streamId, startAt: later(120 + i * 30), endAt: later(150 + i * 30), channel: 'phone' });
    await execute(a, 'AddMemo', visit.streamId, { text: `memo ${i}` });
    await execute(a, 'AddMemo', visit.streamId, { text: `memo ${i} again` });
  }
  await settle(a, b);
  await eventually(async () => (await a.call('conflicts.list', {})).items.length === 1, 10_000, 'the conflict at A');
  return { a, b, day };
};

/** A new desk whose pulls HQ answers slowly (200 ms a chunk), so its catch-up lasts a few seconds. */
const slowJoiner = (name: string) =>
  (clinic as SyncClinic).addDesk(name, { proxy: true, proxyFault: ({ path: requestPath }) => (requestPath.startsWith('/v1/events') ? 'delay' : 'pass') });

const signInWhenStaffArrive = async (desk: SyncDesk, day: ClinicDay): Promise<void> => {
  await eventually(async () => (await desk.call('staff.list', {})).items.some((s) => s.staffId === day.manager), 10_000, `${desk.name}: staff`);
  await desk.call('session.signIn', { staffId: day.manager, pin: PIN });
};

/** Polls sync.status as fast as the desk answers until the catch-up is in `phase` (the building one lasts a few hundred ms). */
const untilPhase = async (desk: SyncDesk, phase: 'pulling' | 'building', also: () => boolean = () => true): Promise<void> => {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if ((await desk.call('sync.status', {})).catchUp?.phase === phase && also()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${desk.name} never showed the ${phase} phase`);
};

/** What the projection_state table records of each read model in a desk's database file. */
const recordedVersions = (desk: SyncDesk): Record<string, number> => {
  const db = new Database(path.join(desk.dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(db.prepare<[], { name: string; version: number }>('SELECT name, version FROM projection_state').all().map((row) => [row.name, row.version]));
  } finally {
    db.close();
  }
};

/** What a screen shows from each deferred read model, for comparing two desks (local positions left out). */
const screens = async (desk: SyncDesk, day: ClinicDay) => ({
  schedule: await desk.call('schedule.range', { from: later(-24 * 60), to: later(60 * 24 * 30) }),
  patients: await desk.call('patients.search', { q: '환자' }),
  patient: await desk.call('patients.search', { q: '김민수' }),
  visit: await desk.call('visit.get', { visitId: day.visitId }),
  audit: (await desk.call('audit.query', { limit: 500 })).items.map(({ position: _position, ...entry }) => entry),
  conflicts: await desk.call('conflicts.list', {}),
  warnings: await desk.call('warnings.list', {}),
});

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

  it('events other desks make while it catches up end up in its read models too', async () => {
    const { a, b, day } = await clinicWithHistory();
    const c = await slowJoiner('C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'pulling');
    const late = await execute(b, 'RegisterPatient', undefined, { name: '늦은환자', phone: '010-7777-8888' });
    await execute(a, 'AddMemo', day.visitId, { text: 'while C catches up' });
    await settle(a, b);
    await eventually(async () => (await c.call('sync.status', {})).catchUp === undefined && c.pulledThrough() >= a.pulledThrough(), 60_000, 'C caught up');
    await expectConverged(clinic as SyncClinic, [a, b, c], 20_000);
    expect((await c.call('patients.search', { q: '늦은환자' })).items.map((p) => p.patientId)).toEqual([late.streamId]);
    expect(await screens(c, day)).toEqual(await screens(a, day));
  });

  it('closed half-way through its catch-up, it opens with its read models rebuilt and ends equal to a rebuild', async () => {
    const { a, day } = await clinicWithHistory();
    const c = await slowJoiner('C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'pulling', () => c.pulledThrough() >= 50);
    await c.close();
    // Closed while deferred: the read models are recorded stale (the version no projection has).
    const versions = recordedVersions(c);
    expect(DEFERRED.filter((name) => (versions[name] ?? 0) < 0)).toEqual(DEFERRED);
    expect(versions['staff']).toBeGreaterThan(0);

    // Opened again (no slow proxy now): opening rebuilds the stale ones from the partial log; the rest comes inline.
    const again = await (clinic as SyncClinic).addDesk('C again', { dataDir: c.dataDir, deviceId: c.deviceId, token: c.token });
    expect(Object.entries(recordedVersions(again)).filter(([, version]) => version < 0)).toEqual([]);
    await again.call('session.signIn', { staffId: day.manager, pin: PIN });
    await eventually(async () => (await again.call('sync.status', {})).catchUp === undefined && again.pulledThrough() >= a.pulledThrough(), 20_000, 'C caught up');
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
