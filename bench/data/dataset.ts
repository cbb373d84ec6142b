/**
 * The benchmark data set: a clinic year run into desk A's database (year-run.ts), HQ's SQLite
 * file holding the same log, and what the benchmarks need to find their way in it (dataset.json:
 * ids, tokens, the busy day after the year). Built once per seed, scale and generator version and
 * kept under .data/bench/ (never committed); the benchmarks work on copies.
 *
 * A data set built by an older app is brought up to date when loaded: the desk store's
 * migrations run and its changed read models are rebuilt from the log once, HQ's migrations run,
 * and the copy in the cache is updated, so a schema change does not mean generating a year again.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { FIRST_PULL_DONE } from '../../src-main/core/hq-settings.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import { envelopeOf, EVENT_COLUMNS, type EventRow } from '../../src-main/core/store/event-rows.js';
import { writeMeta } from '../../src-main/core/store/store-meta.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { createTenancy } from '../../src-server/tenancy/tenancy.js';
import { writeTransaction, type WritableDb } from '../../src-node/sqlite/database.js';
import { clinicYear, type DeskKey, type Handle, type Step } from './clinic-year.js';
import { runYear } from './year-run.js';

/**
 * Bump when the script or its run changes the events it makes, or the desk's or HQ's schema
 * changes under a migration already numbered: cached data sets are then built again.
 * 3: the desk's events got `unreadable` (migration 005, changed in place before any release).
 */
export const GENERATOR_VERSION = 3;

export interface Scale {
  readonly name: 'full' | 'quick';
  readonly days: number;
  readonly visitsPerDay: number;
}

/** About 1,000,000 events; the quick one about 25,000. */
export const SCALES: Readonly<Record<Scale['name'], Scale>> = {
  full: { name: 'full', days: 365, visitsPerDay: 250 },
  quick: { name: 'quick', days: 9, visitsPerDay: 150 },
};

export const DEFAULT_SEED = 20261201;

export interface DeviceToken {
  readonly deviceId: string;
  readonly token: string;
}

export interface DatasetInfo {
  readonly generatorVersion: number;
  readonly seed: number;
  readonly scale: Scale;
  readonly start: string;
  readonly events: number;
  readonly commands: number;
  readonly conflicts: number;
  readonly anomalies: number;
  readonly visits: number;
  readonly patients: number;
  readonly staff: number;
  readonly installations: Readonly<Record<DeskKey, string>>;
  readonly tenantId: string;
  readonly logId: string;
  /** Devices at HQ: the three desks, a desk about to join, and a reader for pull benchmarks. */
  readonly devices: Readonly<Record<DeskKey | 'joiner' | 'reader' | 'pusher', DeviceToken>>;
  readonly manager: { readonly staffId: string; readonly pin: string };
  /** The membership-package visit (~1,000 events). */
  readonly longVisit: string;
  /** A checked-out visit of about 20 events with a snapshot. */
  readonly typicalVisit: { readonly streamId: string; readonly events: number; readonly snapshotAt: number | null };
  /** Every event as its JSON envelope, summed: what the log is worth as plain JSON. */
  readonly jsonBytes: number;
  readonly busyDay: { readonly date: string; readonly steps: readonly Step[]; readonly handles: Readonly<Record<string, string>> };
  readonly buildSeconds: number;
}

export interface Dataset {
  readonly dir: string;
  /** The data folder of desk A (holds desk.db). */
  readonly deskDir: string;
  /** HQ's data folder (holds hq.db). */
  readonly hqDir: string;
  readonly info: DatasetInfo;
}

const REPO = path.resolve(import.meta.dirname, '../..');
export const CACHE_ROOT = path.join(REPO, '.data', 'bench');

const keyOf = (seed: number, scale: Scale) => `clinic-year-g${GENERATOR_VERSION}-s${seed}-${scale.days}d${scale.visitsPerDay}v`;

/** Handles the busy day names, with the stream ids the year gave them. */
const handlesOfBusyDay = (steps: readonly Step[], handles: ReadonlyMap<Handle, string>): Record<string, string> => {
  const used = new Set<Handle>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      if ('$ref' in value && typeof value.$ref === 'number') used.add(value.$ref);
      else Object.values(value).forEach(walk);
    }
  };
  for (const step of steps) {
    walk(step.payload);
    if (typeof step.stream === 'number') used.add(step.stream);
    if (typeof step.by === 'number') used.add(step.by);
  }
  return Object.fromEntries([...used].flatMap((handle) => (handles.has(handle) ? [[String(handle), handles.get(handle) as string]] : [])));
};

/** HQ's file with the tenant, its devices and the whole log, copied from desk A's published events in server order. */
const buildHq = async (deskFile: string, hqDir: string, tenantId: string, installations: Record<DeskKey, string>, at: Date) => {
  const store = openSqliteHqStore(hqDir);
  const tenancy = createTenancy(store, () => at);
  await store.addTenant({ tenantId, name: '라온 피부과의원 강남점', createdAt: at.toISOString() });
  const devices: Partial<Record<DeskKey | 'joiner' | 'reader' | 'pusher', DeviceToken>> = {};
  for (const name of ['A', 'B', 'C', 'joiner', 'reader', 'pusher'] as const) {
    const { device, token } = await tenancy.addDevice({ tenantId, name: `desk ${name}`, scope: 'desk' });
    devices[name] = { deviceId: device.deviceId, token };
  }
  const logId = store.logId;
  await store.close();
  const db = new Database(path.join(hqDir, SQLITE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.prepare('ATTACH DATABASE ? AS desk').run(deskFile);
    db.transaction(() => {
      for (const desk of ['A', 'B', 'C'] as const) {
        db.prepare('UPDATE devices SET installation_id = ?, app_version = ? WHERE device_id = ?').run(installations[desk], '0.1.0', devices[desk]?.deviceId);
      }
      db.prepare(
        `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
         SELECT ?, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, coalesce(received_at, raised_at)
         FROM desk.events WHERE sync_state = 'published' ORDER BY server_position`,
      ).run(tenantId);
      db.prepare('UPDATE tenants SET head = (SELECT coalesce(max(server_position), 0) FROM events WHERE tenant_id = ?) WHERE tenant_id = ?').run(tenantId, tenantId);
    })();
    db.prepare('DETACH DATABASE desk').run();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { logId, devices: devices as Record<DeskKey | 'joiner' | 'reader' | 'pusher', DeviceToken> };
};

const build = async (seed: number, scale: Scale, into: string, log: (line: string) => void): Promise<DatasetInfo> => {
  const started = performance.now();
  const year = clinicYear({ seed, start: '2025-12-01', days: scale.days, visitsPerDay: scale.visitsPerDay });
  const deskDir = path.join(into, 'desk');
  let lastLog = 0;
  const result = runYear(year, deskDir, (day, events) => {
    const now = performance.now();
    if (now - lastLog > 5_000) {
      lastLog = now;
      log(`  generating: day ${day + 1}/${scale.days}, ${events.toLocaleString('en-US')} events, ${((now - started) / 1000).toFixed(0)} s`);
    }
  });
  const deskFile = path.join(deskDir, DATABASE_FILE);
  const hq = await buildHq(deskFile, path.join(into, 'hq'), year.tenantId, year.installations, new Date(year.startMs - 86_400_000));

  const db = new Database(deskFile) as WritableDb;
  try {
    const last = (db.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
    writeTransaction(db, () => {
      writeMeta(db, 'hq_checkpoint', String(last));
      writeMeta(db, 'hq_log_id', hq.logId);
      writeMeta(db, FIRST_PULL_DONE, '1');
    });
    let jsonBytes = 0;
    for (const row of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).iterate() as IterableIterator<EventRow>) {
      jsonBytes += Buffer.byteLength(JSON.stringify(envelopeOf(row)));
    }
    const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().get(...params) as number | null) ?? 0;
    const typical = db
      .prepare(
        `SELECT v.visit_id AS streamId, v.version AS events, s.version AS snapshotAt
         FROM read_visits v JOIN snapshots s ON s.stream_id = v.visit_id AND s.version = 20
         WHERE v.stage = 'checked-out' AND v.version BETWEEN 20 AND 22 ORDER BY v.visit_id LIMIT 1`,
      )
      .get() as { streamId: string; events: number; snapshotAt: number } | undefined;
    const fallback = db
      .prepare("SELECT visit_id AS streamId, version AS events FROM read_visits WHERE stage = 'checked-out' ORDER BY abs(version - 20), visit_id LIMIT 1")
      .get() as { streamId: string; events: number };
    const busy = year.busyDay;
    const managerHandle = year.firstManager;
    return {
      generatorVersion: GENERATOR_VERSION,
      seed,
      scale,
      start: year.options.start,
      events: result.events,
      commands: result.commands,
      conflicts: result.conflicts,
      anomalies: result.anomalies,
      visits: count("SELECT count(*) FROM read_visits"),
      patients: count('SELECT count(*) FROM read_patients'),
      staff: count('SELECT count(*) FROM read_staff'),
      installations: year.installations,
      tenantId: year.tenantId,
      logId: hq.logId,
      devices: hq.devices,
      manager: { staffId: result.handles.get(managerHandle) as string, pin: year.pin },
      longVisit: result.handles.get(year.longVisit) as string,
      typicalVisit: typical ?? { ...fallback, snapshotAt: null },
      jsonBytes,
      busyDay: { date: busy.date, steps: busy.steps, handles: handlesOfBusyDay(busy.steps, result.handles) },
      buildSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    db.close();
  }
};

/** Opens the desk store and HQ's file once with this build's code: migrations and changed read models. */
const bringUpToDate = async (dataset: Dataset, log: (line: string) => void): Promise<void> => {
  const store = openDeskStore({
    dataDir: dataset.deskDir,
    registry: clinicRegistry,
    projections: deskProjections,
    ids: uuidV7,
    now: () => new Date(),
    onRebuildProgress: (name, done, total) => log(`  rebuilding ${name} in the cached data set: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} events`),
  });
  if (store.events.projections.rebuiltOnOpen.length > 0) log(`  cached data set: read models rebuilt (${store.events.projections.rebuiltOnOpen.join(', ')})`);
  store.close();
  await openSqliteHqStore(dataset.hqDir).close();
};

/** The data set for a seed and scale: from the cache, or built now (minutes for the full year). */
export const loadDataset = async (options: { readonly seed?: number; readonly scale: Scale; readonly log?: (line: string) => void }): Promise<Dataset> => {
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = path.join(CACHE_ROOT, keyOf(seed, options.scale));
  const infoFile = path.join(dir, 'dataset.json');
  if (!fs.existsSync(infoFile)) {
    log(`  building the ${options.scale.name} data set (seed ${seed}): cached in ${path.relative(REPO, dir)}`);
    const building = `${dir}.building-${process.pid}`;
    fs.rmSync(building, { recursive: true, force: true });
    fs.mkdirSync(building, { recursive: true });
    const info = await build(seed, options.scale, building, log);
    fs.writeFileSync(path.join(building, 'dataset.json'), `${JSON.stringify(info)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(building, dir);
    log(`  built in ${info.buildSeconds.toFixed(0)} s: ${info.events.toLocaleString('en-US')} events`);
  }
  const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as DatasetInfo;
  const dataset = { dir, deskDir: path.join(dir, 'desk'), hqDir: path.join(dir, 'hq'), info };
  await bringUpToDate(dataset, log);
  return dataset;
};

/** A copy of a data folder's database files to work on. */
export const copyDataFolder = (from: string, to: string, file: string): string => {
  fs.mkdirSync(to, { recursive: true });
  for (const suffix of ['', '-wal']) {
    const source = path.join(from, `${file}${suffix}`);
    if (fs.existsSync(source)) fs.copyFileSync(source, path.join(to, `${file}${suffix}`));
  }
  return to;
};
