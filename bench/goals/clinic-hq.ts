/**
 * What the join and sync benchmarks share: HQ's database on SQLite or PostgreSQL holding the data
 * set's log, the raw baselines beside them, and desks of the clinic as DeskCore with their sync
 * worker (copies of the data set's desk under one of its installations, or new ones).
 */
import type { SyncStatus } from '../../shared/contract/desk-views.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { createHeadspring } from '../../shared/eventsourcing/index.js';
import type { DeskCore } from '../../src-main/core/desk-core.js';
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import { EVENT_COLUMNS, type EventRow } from '../../src-main/core/store/event-rows.js';
import { META } from '../../src-main/core/store/store-meta.js';
import { openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { addClinic, type TestDevice } from '../../test/support/hq-fixtures.js';
import { openWritable } from '../../src-node/sqlite/database.js';
import type { RunningPostgres } from '../../test/support/embedded-postgres.js';
import type { HqProcess, HqTarget } from '../../test/support/hq-process.js';
import { createTestDatabase } from '../../test/support/postgres-database.js';
import { memorySecrets } from '../busy-day.js';
import type { Bench, BenchContext } from '../context.js';
import type { Row } from '../report.js';
import { APP_VERSION } from '../data/year-run.js';
import { BATCH, postgresRaw, pushBodies, pushBody, rawBatches, sqliteRaw, type RawInserter } from './hq.bench.js';

export const call = async (core: DeskCore, method: string, args: unknown): Promise<unknown> => {
  const answer = await core.invoke(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.result;
};

export const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

export const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
};

/** What the benchmarks read of sync.status. */
/** What the benchmarks read of sync.status. */
export type Status = Pick<SyncStatus, 'pending' | 'lastPullAt' | 'catchUp' | 'lastError'>;

export const syncStatus = async (core: DeskCore): Promise<Status> => (await call(core, 'sync.status', {})) as Status;

/**
 * Raw 500-row insert transactions into a fresh desk's events table (its own migrations, FULL), with
 * real rows of the year: the table and the rows are made now, the returned function times the
 * inserts (events/s), so the set-up can run beside other set-up (HQ starting) and the timing alone.
 */
export const prepareDeskRawInsert = (context: BenchContext, count: number): (() => number) => {
  const dataDir = context.scratchDir('raw-desk');
  openDeskStore({ dataDir, registry: clinicRegistry, projections: [], ids: uuidV7, now: () => new Date() }).close();
  const source = new Database(path.join(context.dataset.deskDir, DATABASE_FILE), { readonly: true });
  let rows: (EventRow & { command_id: string; raised_at: string })[];
  try {
    rows = source.prepare(`SELECT ${EVENT_COLUMNS}, command_id, raised_at FROM events ORDER BY position LIMIT ?`).all(count) as typeof rows;
  } finally {
    source.close();
  }
  return () => {
    const db = openWritable(path.join(dataDir, DATABASE_FILE));
    try {
      const insert = db.prepare(
        `INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, data, meta, tenant_id, command_id, raised_at, sync_state, server_position, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?)`,
      );
      const page = db.transaction((batch: typeof rows) => {
        for (const row of batch) {
          insert.run(row.event_id, row.stream_id, row.stream_type, row.version, row.type, row.schema_version, row.data, row.meta, row.tenant_id, row.command_id, row.raised_at, row.server_position, row.received_at);
        }
      });
      const start = performance.now();
      for (let at = 0; at < rows.length; at += BATCH) page.immediate(rows.slice(at, at + BATCH));
      return (rows.length / (performance.now() - start)) * 1000;
    } finally {
      db.close();
    }
  };
};

/** prepareDeskRawInsert's set-up and timing at once. */
export const deskRawInsertRate = (context: BenchContext, count: number): number => prepareDeskRawInsert(context, count)();

/** Raw 500-row insert transactions into HQ's table, `count` rows at least: events/s. */
export const hqRawInsertRate = async (backend: Backend, count: number): Promise<number> => {
  const raw = await backend.raw();
  try {
    const rows = rawBatches(Math.ceil(count / BATCH));
    const start = performance.now();
    for (const batch of rows) await raw.insertBatch(batch);
    return (rows.length * BATCH * 1000) / (performance.now() - start);
  } finally {
    await raw.close();
  }
};

export interface Backend {
  readonly label: string;
  /** HQ's database holding the log up to `upTo`; where the HQ process finds it. */
  readonly prepare: (upTo: number) => Promise<{ target: HqTarget; sizeBytes: () => Promise<number>; anotherClinic: () => Promise<TestDevice> }>;
  readonly raw: () => Promise<RawInserter>;
}

/** A second clinic on HQ's database, with one desk's device: HQ serves several clinics. */
const withAnotherClinic = async (store: HqStore): Promise<TestDevice> => {
  try {
    return await (await addClinic(store, 'Another clinic')).addDevice();
  } finally {
    await store.close();
  }
};

/** How much another clinic pushes before a timed drain: 20 pushes of 500. */
export const IN_SERVICE_EVENTS = 10_000;

/**
 * HQ in service: another clinic's desk pushes IN_SERVICE_EVENTS events to HQ, so that a timed
 * drain meets HQ's push path compiled and its connections open, as a desk back from an outage
 * meets an HQ that has been serving the other clinics. HQ's process starts just before each
 * benchmark; without this its first pushes ran unoptimized code (300–340 ms each against
 * 160–200 ms a push of 2000 later, PostgreSQL HQ). Returns the time it took (ms).
 */
export const putInService = async (hq: HqProcess, device: TestDevice): Promise<number> => {
  const start = performance.now();
  for (const body of pushBodies(device, IN_SERVICE_EVENTS / BATCH)) await pushBody(hq.url, device.token, body);
  return performance.now() - start;
};

/** A benchmark run on an HQ holding the data set's log on SQLite, then on PostgreSQL. */
export const onBothHqs =
  (run: (context: BenchContext, backend: Backend) => Promise<Row[]>): Bench =>
  async (context) => {
    if (!fs.existsSync(context.dataset.hqDir)) throw new Error('the data set has no HQ');
    const rows = await run(context, sqliteBackend(context));
    rows.push(...(await run(context, postgresBackend(context))));
    return rows;
  };

/** DeskCore on a data folder, connected to HQ with a device's token. */
export const openDesk = async (hq: HqProcess, token: string, dataDir: string): Promise<DeskCore> =>
  openDeskCore({ dataDir, appVersion: APP_VERSION, secrets: memorySecrets(), hq: { url: hq.url, token }, idleTimeoutMs: 86_400_000 });

export const signInWhenStaffArrive = async (core: DeskCore, staffId: string, pin: string): Promise<void> => {
  await waitFor(async () => ((await call(core, 'staff.list', {})) as { items: unknown[] }).items.length > 0, 600_000, 'staff from HQ');
  await call(core, 'session.signIn', { staffId, pin });
};

/**
 * A copy of the data set's desk (up to date with the year) as another installation of the
 * clinic: HQ binds each device to one installation, and the data set has desks A, B and C.
 */
export const copyDeskAs = (context: BenchContext, installationId: string): string => {
  const dataDir = context.copyDesk();
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    db.prepare('UPDATE store_meta SET value = ? WHERE key = ?').run(installationId, META.installationId);
  } finally {
    db.close();
  }
  return dataDir;
};

/**
 * Desk A, offline for a while: `count` memos added to its most recent visits through its own
 * Headspring, pending (not yet at HQ), as if typed while HQ was out of reach.
 */
export const addPendingMemos = (dataDir: string, count: number, installationId: string, staffId: string): void => {
  const store = openDeskStore({ dataDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: () => new Date() });
  try {
    store.writer.pragma('synchronous = OFF');
    const headspring = createHeadspring({ store: store.events, registry: clinicRegistry, ids: uuidV7, origin: { deviceId: installationId, appVersion: APP_VERSION } });
    const visits = store.reader.prepare("SELECT visit_id FROM read_visits WHERE stage = 'checked-out' ORDER BY anchor_at DESC LIMIT 250").pluck().all() as string[];
    const issuedAt = new Date().toISOString();
    store.events.transaction(() => {
      for (let i = 0; i < count; i++) {
        headspring.execute({ commandId: uuidV7.newId(), type: 'AddMemo', streamId: visits[i % visits.length], payload: { text: `오프라인 메모 ${i} — 다음 방문 때 레이저 토닝 상담` }, schemaVersion: 1, issuedBy: staffId, issuedAt });
      }
    });
  } finally {
    store.close();
  }
};

/** HQ's SQLite file, copied (the log up to `upTo`, its whole log here). */
export const sqliteBackend = (context: BenchContext): Backend => ({
  label: 'SQLite',
  prepare: (upTo) => {
    const dataDir = context.copyHq();
    if (upTo < context.dataset.info.events) {
      const db = new Database(path.join(dataDir, SQLITE_FILE));
      db.prepare('DELETE FROM events WHERE server_position > ?').run(upTo);
      db.prepare('UPDATE tenants SET head = ?').run(upTo);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
    return Promise.resolve({
      target: { args: ['--data', dataDir], env: {} },
      sizeBytes: () => Promise.resolve(0),
      // before HQ starts: the store takes the folder's lock
      anotherClinic: () => withAnotherClinic(openSqliteHqStore(dataDir)),
    });
  },
  raw: () => Promise.resolve(sqliteRaw(context.scratchDir('raw-hq'))),
});

/** A PostgreSQL database made by HQ's migrations, holding the data set's tenant, devices, log identity and log up to `upTo`; returns its URL. */
const loadLog = async (context: BenchContext, adminUrl: string, upTo: number): Promise<string> => {
  const url = await createTestDatabase(adminUrl, 'bench_hq_loaded');
  await (await openPostgresHqStore(url)).close();
  const source = new Database(path.join(context.dataset.hqDir, SQLITE_FILE), { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('UPDATE log_identity SET log_id = $1', [context.dataset.info.logId]);
    for (const tenant of source.prepare('SELECT tenant_id, name, created_at FROM tenants').all() as { tenant_id: string; name: string; created_at: string }[]) {
      await client.query('INSERT INTO tenants (tenant_id, name, head, created_at) VALUES ($1, $2, $3, $4)', [tenant.tenant_id, tenant.name, upTo, tenant.created_at]);
    }
    for (const device of source.prepare('SELECT * FROM devices').all() as Record<string, string | null>[]) {
      await client.query(
        `INSERT INTO devices (device_id, tenant_id, name, scope, token_hash, installation_id, created_at, token_issued_at, revoked_at, last_seen_at, app_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [device.device_id, device.tenant_id, device.name, device.scope, device.token_hash, device.installation_id, device.created_at, device.token_issued_at, device.revoked_at, device.last_seen_at, device.app_version],
      );
    }
    const page = source.prepare('SELECT * FROM events WHERE server_position > ? AND server_position <= ? ORDER BY server_position LIMIT 5000');
    let after = 0;
    for (;;) {
      const batch = page.all(after, upTo) as Record<string, string | number>[];
      if (batch.length === 0) break;
      const column = (name: string) => batch.map((row) => row[name]);
      await client.query(
        `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::integer[], $9::text[], $10::text[], $11::timestamptz[])`,
        ['tenant_id', 'server_position', 'event_id', 'stream_id', 'stream_type', 'version', 'type', 'schema_version', 'data', 'meta', 'received_at'].map(column),
      );
      after = Number(batch.at(-1)?.server_position);
      context.progress('loading HQ’s PostgreSQL with the log', after, upTo);
    }
    await client.query('VACUUM ANALYZE events');
  } finally {
    source.close();
    await client.end();
  }
  return url;
};

/**
 * The log loaded once per PostgreSQL cluster and count (never served itself): each benchmark's HQ
 * gets a file copy of it, a fraction of loading it again (join and sync both need the year).
 */
const loadedLogs = new WeakMap<RunningPostgres, Map<number, Promise<string>>>();

/** A copy of the database holding the data set's log up to `upTo`, for one HQ. */
export const postgresBackend = (context: BenchContext): Backend => ({
  label: 'PostgreSQL',
  prepare: async (upTo) => {
    const postgres = await context.postgres();
    let logs = loadedLogs.get(postgres);
    if (!logs) loadedLogs.set(postgres, (logs = new Map()));
    let loaded = logs.get(upTo);
    if (!loaded) logs.set(upTo, (loaded = loadLog(context, postgres.adminUrl, upTo)));
    const url = await createTestDatabase(postgres.adminUrl, 'bench_hq_log', await loaded);
    return {
      target: { args: [], env: { HQ_DATABASE_URL: url } },
      anotherClinic: async () => withAnotherClinic(await openPostgresHqStore(url)),
      sizeBytes: async () => {
        const sizer = new pg.Client({ connectionString: url });
        await sizer.connect();
        try {
          return Number((await sizer.query<{ bytes: string }>("SELECT pg_total_relation_size('events') AS bytes")).rows[0]?.bytes ?? 0);
        } finally {
          await sizer.end();
        }
      },
    };
  },
  raw: async () => postgresRaw(await createTestDatabase((await context.postgres()).adminUrl, 'bench_hq_raw')),
});
