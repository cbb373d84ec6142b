/**
 * Goal 7, and the sync worker's figures (issue 13), end to end: HQ as its own process over
 * loopback HTTP holding the data set's log, desks as DeskCore with their sync worker.
 *   join      — a new desk of the clinic catches up with the whole log (every event with its read
 *               models): time until its board answers with the clinic's day, and events/s beside
 *               raw 500-row insert transactions into the desk's own events table (FULL), on SQLite
 *               and PostgreSQL HQs. Goal: ≥ 0.3 of raw, progress shown (sync.status.catchUp).
 *   drain     — desk A, back online with the year's last events pending, pushes them (events/s
 *               beside raw 500-row inserts into HQ's table), on both HQs. Goal (issue 13): ≥ 10,000 events/s.
 *               The new desk then catches up with them too.
 *   propagate — a command on desk A shows in the new desk's read model, both online. Goal: p95 < 2 s.
 *   commands  — command.execute on a desk while it catches up. Goal: p99 < 50 ms.
 *               (These two on the SQLite HQ only.)
 */
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
import { openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openWritable } from '../../src-node/sqlite/database.js';
import { startHqProcess, type HqProcess, type HqTarget } from '../../test/support/hq-process.js';
import { createTestDatabase } from '../../test/support/postgres-database.js';
import { memorySecrets } from '../busy-day.js';
import type { Bench, BenchContext } from '../context.js';
import { APP_VERSION } from '../data/year-run.js';
import { latencies, ms, show, type Row } from '../report.js';
import { BATCH, postgresRaw, rawBatches, sqliteRaw, type RawInserter } from './hq.bench.js';

const call = async (core: DeskCore, method: string, args: unknown): Promise<unknown> => {
  const answer = await core.invoke(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.result;
};

const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
};

interface Status {
  readonly pending: number;
  readonly lastPullAt: string | null;
  readonly catchUp?: { readonly pulled: number; readonly head: number };
  readonly lastError: string | null;
}

/** Raw 500-row insert transactions into a fresh desk's events table (its own migrations, FULL), with real rows of the year. */
const deskRawInsertRate = (context: BenchContext, count: number): number => {
  const dataDir = context.scratchDir('raw-desk');
  openDeskStore({ dataDir, registry: clinicRegistry, projections: [], ids: uuidV7, now: () => new Date() }).close();
  const db = openWritable(path.join(dataDir, DATABASE_FILE));
  const source = new Database(path.join(context.dataset.deskDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = source.prepare(`SELECT ${EVENT_COLUMNS}, command_id, raised_at FROM events ORDER BY position LIMIT ?`).all(count) as (EventRow & { command_id: string; raised_at: string })[];
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
    source.close();
    db.close();
  }
};

interface Backend {
  readonly label: string;
  /** HQ's database holding the log up to `upTo`; where the HQ process finds it. */
  readonly prepare: (upTo: number) => Promise<{ target: HqTarget; sizeBytes: () => Promise<number> }>;
  readonly raw: () => Promise<RawInserter>;
}

/** A desk that has just joined: its data folder, DeskCore connected to HQ. */
const openJoiner = async (hq: HqProcess, token: string, dataDir: string): Promise<DeskCore> =>
  openDeskCore({ dataDir, appVersion: APP_VERSION, secrets: memorySecrets(), hq: { url: hq.url, token }, idleTimeoutMs: 86_400_000 });

const signInWhenStaffArrive = async (core: DeskCore, staffId: string, pin: string): Promise<void> => {
  await waitFor(async () => ((await call(core, 'staff.list', {})) as { items: unknown[] }).items.length > 0, 600_000, 'staff from HQ');
  await call(core, 'session.signIn', { staffId, pin });
};

/** `live`: propagation between two online desks and commands during a catch-up (measured on one HQ). */
const joinOn = async (context: BenchContext, backend: Backend, parts: { readonly live: boolean }): Promise<Row[]> => {
  const { info } = context.dataset;
  const drainCount = context.quick ? 5_000 : 50_000;
  const upTo = info.events;
  const rows: Row[] = [];
  const { target, sizeBytes } = await backend.prepare(upTo);
  const hq = await startHqProcess(target, { logLevel: 'warn' });
  const cores: DeskCore[] = [];
  const { staffId, pin } = info.manager;
  try {
    // ---- drain: desk A comes back with the year's last events pending -----------------------
    const raw = await backend.raw();
    const batches = rawBatches(Math.ceil(drainCount / BATCH));
    let start = performance.now();
    for (const batch of batches) await raw.insertBatch(batch);
    const rawRate = (batches.length * BATCH * 1000) / (performance.now() - start);
    await raw.close();
    const aDir = context.copyDesk();
    addPendingMemos(aDir, drainCount, info.installations.A, staffId);
    start = performance.now();
    const a = await openDeskCore({ dataDir: aDir, appVersion: APP_VERSION, secrets: memorySecrets(), hq: { url: hq.url, token: info.devices.A.token }, idleTimeoutMs: 86_400_000 });
    cores.push(a);
    await call(a, 'session.signIn', { staffId, pin });
    for (;;) {
      const drain = (await call(a, 'sync.status', {})) as Status;
      context.progress('desk A drains its pending events', drainCount - drain.pending, drainCount);
      if (drain.pending === 0) break;
      if (drain.lastError) context.log(`  desk A: ${drain.lastError}`);
      await pause(50);
    }
    const drainMs = performance.now() - start;
    const drainRate = (drainCount / drainMs) * 1000;
    rows.push({
      goal: 6,
      name: `desk A drains ${show(drainCount)} pending events to HQ on ${backend.label}`,
      figure: { value: drainRate, unit: 'events/s', detail: `${(drainMs / 1000).toFixed(1)} s to converge (issue 13's figure)` },
      baseline: { name: `raw ${BATCH}-row insert transactions into HQ's table`, value: rawRate, unit: 'events/s' },
      ratio: drainRate / rawRate,
      target: { of: 'value', atLeast: 10_000, text: '≥ 10,000/s' },
    });

    /** HQ's log as the new desk finds it: the data set's, and desk A's drained memos. */
    const joined = upTo + drainCount;
    // ---- join: a new desk catches up with the whole log --------------------------------------
    const deskRaw = deskRawInsertRate(context, Math.min(50_000, info.events));
    const joinerDir = context.scratchDir('joiner');
    const started = performance.now();
    const joiner = await openJoiner(hq, info.devices.joiner.token, joinerDir);
    cores.push(joiner);
    await signInWhenStaffArrive(joiner, staffId, pin);
    const firstPage = performance.now() - started;
    let status: Status;
    for (;;) {
      status = (await call(joiner, 'sync.status', {})) as Status;
      if (status.catchUp) context.progress(`a new desk catches up (HQ on ${backend.label})`, status.catchUp.pulled, status.catchUp.head);
      if (!status.catchUp && status.lastPullAt !== null) break;
      if (status.lastError) context.log(`  joiner: ${status.lastError}`);
      await pause(100);
    }
    const took = performance.now() - started;
    context.progress(`a new desk catches up (HQ on ${backend.label})`, joined, joined);
    const board = (await call(joiner, 'board.day', { date: info.busyDay.date })) as { visits: unknown[] };
    const expected = (() => {
      const db = new Database(path.join(context.dataset.deskDir, DATABASE_FILE), { readonly: true });
      const from = Date.parse(`${info.busyDay.date}T00:00:00+09:00`);
      try {
        return db.prepare('SELECT count(*) FROM read_visits WHERE anchor_at >= ? AND anchor_at < ?').pluck().get(new Date(from).toISOString(), new Date(from + 86_400_000).toISOString()) as number;
      } finally {
        db.close();
      }
    })();
    const rate = (joined / took) * 1000;
    rows.push({
      goal: 7,
      name: `a new desk joins: catch-up of ${(joined / 1e6).toFixed(2)}M events with read models, HQ on ${backend.label}`,
      figure: {
        value: rate,
        unit: 'events/s',
        detail: `${(took / 1000).toFixed(1)} s until its board answers with the clinic's day (${board.visits.length} of ${expected} visits); staff could sign in after ${ms(firstPage)}; progress in sync.status.catchUp`,
      },
      baseline: { name: 'raw 500-row insert transactions into the desk’s events table, FULL', value: deskRaw, unit: 'events/s' },
      ratio: rate / deskRaw,
      target: { of: 'ratio', atLeast: 0.3, text: '≥ 0.3 of raw' },
    });

    if (parts.live) {
      // ---- propagation: a command on A, seen in the new desk's read model ---------------------
      await waitFor(async () => ((await call(joiner, 'sync.status', {})) as Status).pending === 0, 120_000, 'the joiner to settle');
      const visitId = ((await call(a, 'board.day', { date: info.busyDay.date })) as { visits: { visitId: string }[] }).visits[0]?.visitId;
      const delays: number[] = [];
      const tries = context.quick ? 20 : 60;
      for (let i = 0; i < tries; i++) {
        const seen = new Promise<number>((resolve) => {
          const stop = joiner.onChange((notice) => {
            if (notice.kind === 'events' && notice.streamIds?.includes(visitId ?? '')) {
              stop();
              resolve(performance.now());
            }
          });
        });
        const sent = performance.now();
        await call(a, 'command.execute', { type: 'AddMemo', streamId: visitId, payload: { text: `전파 확인 ${i}` }, actingStaffId: staffId });
        delays.push((await seen) - sent);
        await pause(20);
      }
      const spread = latencies(delays);
      rows.push({
        goal: 0,
        name: `propagation desk A → new desk's read model, HQ on ${backend.label}`,
        figure: { value: spread.p95, unit: 'ms', detail: `p95; p50 ${ms(spread.p50)} over ${tries} commands (issue 13's figure)` },
        target: { of: 'value', atMost: 2_000, text: 'p95 < 2 s' },
      });

      // ---- commands on a desk while it catches up ---------------------------------------------
      const third = await openJoiner(hq, info.devices.pusher.token, context.scratchDir('third'));
      cores.push(third);
      await signInWhenStaffArrive(third, staffId, pin);
      const during: number[] = [];
      const until = performance.now() + (context.quick ? 8_000 : 30_000);
      while (performance.now() < until) {
        const state = (await call(third, 'sync.status', {})) as Status;
        if (!state.catchUp && state.lastPullAt !== null && during.length > 0) break;
        const t0 = performance.now();
        await call(third, 'command.execute', { type: 'RegisterPatient', payload: { name: '동시환자', phone: '010-9999-0000' }, actingStaffId: staffId });
        during.push(performance.now() - t0);
        await pause(5);
      }
      const commands = latencies(during);
      rows.push({
        goal: 0,
        name: `command.execute on a desk while it catches up, HQ on ${backend.label}`,
        figure: { value: commands.p99, unit: 'ms', detail: `p99; p50 ${ms(commands.p50)} over ${during.length} commands (issue 13's figure)` },
        target: { of: 'value', atMost: 50, text: 'p99 < 50 ms' },
      });
    }
    const bytes = await sizeBytes();
    if (bytes > 0) {
      const perMillion = (bytes / upTo) * 1e6 / 2 ** 20;
      rows.push({
        goal: 9,
        name: `HQ database, ${backend.label}, per 1M events`,
        figure: { value: perMillion, unit: 'MiB' },
        baseline: { name: 'the events as raw JSON', value: (info.jsonBytes / info.events) * 1e6 / 2 ** 20, unit: 'MiB' },
        ratio: ((info.jsonBytes / info.events) * 1e6 / 2 ** 20) / perMillion,
      });
    }
    return rows;
  } finally {
    for (const core of cores.reverse()) await core.close({ syncTimeoutMs: 0 });
    await hq.stop();
  }
};

/**
 * Desk A, offline for a while: `count` memos added to its most recent visits through its own
 * Headspring, pending (not yet at HQ), as if typed while HQ was out of reach.
 */
const addPendingMemos = (dataDir: string, count: number, installationId: string, staffId: string): void => {
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
const sqliteBackend = (context: BenchContext): Backend => ({
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
    return Promise.resolve({ target: { args: ['--data', dataDir], env: {} }, sizeBytes: () => Promise.resolve(0) });
  },
  raw: () => Promise.resolve(sqliteRaw(context.scratchDir('raw-hq'))),
});

/** A PostgreSQL database made by HQ's migrations, holding the data set's tenant, devices, log identity and log up to `upTo`. */
const postgresBackend = (context: BenchContext): Backend => ({
  label: 'PostgreSQL',
  prepare: async (upTo) => {
    const postgres = await context.postgres();
    const url = await createTestDatabase(postgres.adminUrl, 'bench_join');
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
    return {
      target: { args: [], env: { HQ_DATABASE_URL: url } },
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
  raw: async () => postgresRaw(await createTestDatabase((await context.postgres()).adminUrl, 'bench_join_raw')),
});

export const joinBench: Bench = async (context) => {
  if (!fs.existsSync(context.dataset.hqDir)) throw new Error('the data set has no HQ');
  const rows = await joinOn(context, sqliteBackend(context), { live: true });
  rows.push(...(await joinOn(context, postgresBackend(context), { live: false })));
  return rows;
};
