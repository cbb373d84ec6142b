/**
 * A new desk joining a clinic whose HQ holds a long history (issue 14), as the join tests stage
 * it: the threshold lowered to a few hundred events, small pages and build slices so that each
 * phase lasts a while, and pulls slowed by a proxy.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import type { SyncTiming } from '../../src-main/core/sync/sync-worker.js';
import { PIN } from './desk-harness.js';
import { eventually, inSync, settle, type SyncClinic, type SyncDesk } from './sync-clinic.js';
import { consultVisit, dropDoneItemOffline, execute, later, twoDesks, type ClinicDay } from './sync-scenarios.js';

/** A few hundred events ahead defers; small pages and build slices, so each phase lasts a while. */
export const JOINING: Partial<SyncTiming> = { deferReadModelsFrom: 100, pageSize: 25, loadingPageSize: 25, buildSlice: 10 };

/** The read models a joining desk defers. */
export const DEFERRED = ['anomalies', 'audit-trail', 'conflicts', 'patients', 'visits'];

/** A history on `clinic`: A and B's day, a conflict between them, then A's busy afternoon (~250 events). */
export const historyOn = async (clinic: SyncClinic): Promise<{ a: SyncDesk; b: SyncDesk; day: ClinicDay }> => {
  const { a, b, day } = await twoDesks(clinic);
  await consultVisit(a, day);
  // B performs the plan's item next, on the consultation A recorded.
  await inSync(clinic, [a, b]);
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
  // The history whole on both desks: a joining desk is compared with them.
  await inSync(clinic, [a, b]);
  await eventually(async () => (await a.call('conflicts.list', {})).items.length === 1, 10_000, 'the conflict at A');
  return { a, b, day };
};

/** A new desk whose pulls HQ answers slowly (200 ms a chunk), so its catch-up lasts a few seconds. */
export const slowJoiner = (clinic: SyncClinic, name: string, options: { readonly deferredBuildEntry?: string } = {}) =>
  clinic.addDesk(name, { proxy: true, proxyFault: ({ path: requestPath }) => (requestPath.startsWith('/v1/events') ? 'delay' : 'pass'), ...options });

export const signInWhenStaffArrive = async (desk: SyncDesk, day: ClinicDay): Promise<void> => {
  await eventually(async () => (await desk.call('staff.list', {})).items.some((s) => s.staffId === day.manager), 10_000, `${desk.name}: staff`);
  await desk.call('session.signIn', { staffId: day.manager, pin: PIN });
};

/** Polls sync.status as fast as the desk answers until the catch-up is in `phase` (the building one lasts a few hundred ms). */
export const untilPhase = async (desk: SyncDesk, phase: 'pulling' | 'building', also: () => boolean = () => true): Promise<void> => {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if ((await desk.call('sync.status', {})).catchUp?.phase === phase && also()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${desk.name} never showed the ${phase} phase`);
};

/** What the projection_state table records of each read model in a desk's database file. */
export const recordedVersions = (desk: SyncDesk): Record<string, number> => {
  const db = new Database(path.join(desk.dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(db.prepare<[], { name: string; version: number }>('SELECT name, version FROM projection_state').all().map((row) => [row.name, row.version]));
  } finally {
    db.close();
  }
};

/** What a screen shows from each deferred read model, for comparing two desks (local positions left out). */
export const screens = async (desk: SyncDesk, day: ClinicDay) => ({
  schedule: await desk.call('schedule.range', { from: later(-24 * 60), to: later(60 * 24 * 30) }),
  patients: await desk.call('patients.search', { q: '환자' }),
  patient: await desk.call('patients.search', { q: '김민수' }),
  visit: await desk.call('visit.get', { visitId: day.visitId }),
  audit: (await desk.call('audit.query', { limit: 500 })).items.map(({ position: _position, ...entry }) => entry),
  conflicts: await desk.call('conflicts.list', {}),
  warnings: await desk.call('warnings.list', {}),
});
