/**
 * What sync tests do to desks and what they check afterwards: a clinic's first day on a desk, and
 * "converged" — every desk and HQ hold the same events per stream, nothing is pending or waits
 * forever, and every desk's read models equal a rebuild from its log.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { openDeskStore } from '../../src-main/core/store/desk-store.js';
import type { FaultChoice } from './fault-proxy.js';
import { PIN } from './desk-harness.js';
import { comparable, eventually, inSync, settle, type SyncClinic, type SyncDesk } from './sync-clinic.js';
import { tempDir } from './tab-desk.js';

/** A command on a desk as its screen sends it; throws on a refusal. */
export const execute = (desk: SyncDesk, type: string, streamId: string | undefined, payload: unknown) =>
  desk.call('command.execute', { type, ...(streamId ? { streamId } : {}), payload } as never);

/** The ISO instant `minutes` from now. */
export const later = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

export interface ClinicDay {
  readonly manager: string;
  readonly doctor: string;
  readonly desk: string;
  readonly patientId: string;
  readonly visitId: string;
}

/** Opens the clinic on its first desk: a manager (once HQ has shown there are no staff yet), settings, staff, a patient, a reservation. */
export const openClinicDay = async (desk: SyncDesk, start = new Date(Date.now() + 60 * 60_000)): Promise<ClinicDay> => {
  await eventually(async () => (await desk.call('desk.status', {})).firstManagerOpen, 10_000, `${desk.name}: first pull`);
  const { streamId: manager } = await desk.call('staff.register', { name: '김지현', role: 'manager', pin: PIN });
  await desk.call('session.signIn', { staffId: manager, pin: PIN });
  await desk.call('command.execute', { type: 'ConfigureClinic', payload: { name: '테스트 피부과', timeZone: 'Asia/Seoul' } });
  const { streamId: doctor } = await desk.call('staff.register', { name: '최민호', role: 'doctor', pin: PIN });
  const { streamId: deskStaff } = await desk.call('staff.register', { name: '이수진', role: 'desk', pin: PIN });
  const { streamId: patientId } = await desk.call('command.execute', {
    type: 'RegisterPatient',
    payload: { name: '김민수', phone: '010-2345-6789' },
  });
  const { streamId: visitId } = await desk.call('command.execute', {
    type: 'Reserve',
    payload: {
      patientId,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
      doctorId: doctor,
      channel: 'phone',
    },
  });
  return { manager, doctor, desk: deskStaff, patientId, visitId };
};

/** Another desk of the clinic (through its own fault proxy), with its staff from HQ and the manager signed in. */
export const joinDesk = async (
  clinic: SyncClinic,
  name: string,
  day: ClinicDay,
  options: { readonly proxy?: boolean; readonly proxyFault?: FaultChoice } = {},
): Promise<SyncDesk> => {
  const desk = await clinic.addDesk(name, { proxy: options.proxy ?? true, ...(options.proxyFault ? { proxyFault: options.proxyFault } : {}) });
  await eventually(async () => (await desk.call('staff.list', {})).items.some((s) => s.staffId === day.manager), 10_000, `${name}: staff`);
  await desk.call('session.signIn', { staffId: day.manager, pin: PIN });
  return desk;
};

/** A clinic's day opened on desk A and desk B joined, both through fault proxies, both in sync with HQ (B holds A's day). */
export const twoDesks = async (clinic: SyncClinic) => {
  const a = await clinic.addDesk('A', { proxy: true });
  const day = await openClinicDay(a);
  const b = await joinDesk(clinic, 'B', day);
  await inSync(clinic, [a, b]);
  const proxy = a.proxy;
  if (!proxy) throw new Error('desk A has no proxy');
  return { a, b, day, proxy };
};

/** A backup of the desk's database (as the desk makes it while running); answers the file. */
export const backUpDesk = async (desk: SyncDesk): Promise<string> => {
  const backup = path.join(tempDir('desk-backup'), 'desk.db');
  await desk.core.backup(backup);
  return backup;
};

/**
 * The desk's disk dies: it closes, and its backup is restored into a new folder, opened with the
 * same device token, the manager signed in and the full pull done.
 */
export const restoreDesk = async (clinic: SyncClinic, desk: SyncDesk, backup: string, day: ClinicDay): Promise<SyncDesk> => {
  await desk.close();
  const restoredDir = tempDir('desk-restored');
  fs.copyFileSync(backup, path.join(restoredDir, 'desk.db'));
  const restored = await clinic.addDesk(`${desk.name} restored`, { dataDir: restoredDir, deviceId: desk.deviceId, token: desk.token });
  await restored.call('session.signIn', { staffId: day.manager, pin: PIN });
  await eventually(async () => !(await restored.call('desk.status', {})).needsFullPull, 10_000, 'full pull done');
  return restored;
};

/** The day's visit checked in and consulted on `desk`: a plan of two items (1: 보톡스, 2: 레이저 토닝). */
export const consultVisit = async (desk: SyncDesk, day: ClinicDay): Promise<void> => {
  await execute(desk, 'CheckIn', day.visitId, { channel: 'desk' });
  await execute(desk, 'StartConsultation', day.visitId, { consultantId: day.manager });
  await execute(desk, 'CompleteConsultation', day.visitId, {
    plan: [
      { name: '보톡스', price: 100_000 },
      { name: '레이저 토닝', price: 50_000 },
    ],
  });
};

/**
 * A conflict over that plan: `a` goes offline and drops item 1 (then does `alsoOffline`), while `b`
 * performs item 1 and delivers it; then `a` is back on line. Answers a's plan change and what
 * `alsoOffline` answered.
 */
export const dropDoneItemOffline = async <T>(a: SyncDesk, b: SyncDesk, day: ClinicDay, alsoOffline: () => Promise<T>) => {
  const proxy = a.proxy;
  if (!proxy) throw new Error(`desk ${a.name} has no proxy`);
  await proxy.down();
  const dropped = await execute(a, 'ChangeProcedurePlan', day.visitId, { plan: [{ itemId: '2', name: '레이저 토닝', price: 50_000 }] });
  const also = await alsoOffline();
  await execute(b, 'StartProcedure', day.visitId, { itemId: '1', performedBy: day.doctor });
  await execute(b, 'CompleteProcedure', day.visitId, { itemId: '1' });
  await settle(b);
  await proxy.up();
  return { dropped, also };
};

/** Every read-model table of a desk database, every row, in a stable order. */
const dumpReadModels = (file: string): Record<string, unknown[]> => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'read\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
};

/** A desk's read models beside the same read models rebuilt from a copy of its log. */
export const readModelsAndRebuild = async (desk: Pick<SyncDesk, 'dataDir'>): Promise<{ live: Record<string, unknown[]>; rebuilt: Record<string, unknown[]> }> => {
  const file = path.join(desk.dataDir, 'desk.db');
  const copyDir = tempDir('rebuild');
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(path.join(copyDir, 'desk.db'));
  } finally {
    source.close();
  }
  const live = dumpReadModels(path.join(copyDir, 'desk.db'));
  const store = openDeskStore({ dataDir: copyDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: () => new Date() });
  try {
    store.events.projections.rebuildAll();
  } finally {
    store.close();
  }
  const rebuilt = dumpReadModels(path.join(copyDir, 'desk.db'));
  fs.rmSync(copyDir, { recursive: true, force: true });
  return { live, rebuilt };
};

/**
 * Converged: nothing pending or set aside on any desk, and desks and HQ hold identical event
 * lists for every stream; each desk's read models equal a rebuild.
 */
export const expectConverged = async (clinic: SyncClinic, desks: readonly SyncDesk[], timeoutMs = 10_000): Promise<void> => {
  await eventually(
    async () => {
      const hq = [...(await clinic.hqStreams()).entries()];
      for (const desk of desks) {
        if (desk.unsettled() > 0) return false;
        const mine = [...desk.streams().entries()].map(([id, events]) => [id, events.map(comparable)] as const);
        expect(mine).toEqual(hq);
      }
      return true;
    },
    timeoutMs,
    'desks and HQ hold the same events',
  );
  for (const desk of desks) {
    const { live, rebuilt } = await readModelsAndRebuild(desk);
    expect(live, `${desk.name}: read models equal a rebuild`).toEqual(rebuilt);
  }
};
