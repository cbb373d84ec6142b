/**
 * HQ sync server: push and pull throughput in events/s over loopback HTTP, HQ running as its own
 * process (`src-server/cli.ts serve`, as in production), for SQLite and PostgreSQL. Each is printed
 * beside the raw insert rate of the same database, measured in the same run: 500-row transactions
 * straight into a table made by HQ's own migrations (same columns, same indexes), without HTTP,
 * JSON, validation or the push decision. Rounds alternate between HQ and the raw baseline, so a slow
 * moment of the machine falls on both. Goal: push >= 20,000 events/s on SQLite in batches of 500.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 } from 'uuid';
import { PullResponseSchema, PushResponseSchema } from '../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../shared/eventsourcing/event.js';
import { openPostgresHqStore } from '../src-server/store/postgres/postgres-hq-store.js';
import { SQLITE_FILE } from '../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../src-server/store/sqlite/sqlite-hq-store.js';
import type { HqStore } from '../src-server/store/hq-store.js';
import { startPostgresProcess } from '../test/support/postgres-child.js';
import { addClinic, type TestDevice } from '../test/support/hq-fixtures.js';
import { startHqProcess, type HqTarget } from '../test/support/hq-process.js';
import { createTestDatabase } from '../test/support/postgres-database.js';

export const BATCH = 500;
const ROUNDS = 8;
const BATCHES_PER_ROUND = 12;
const PULL_PAGE = 1000;

const tempDir = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bench-hq-${label}-`));

/** A visit event of a realistic size (~650 bytes as JSON). */
const visitEvent = (streamId: string, version: number, installationId: string): EventEnvelope => {
  const commandId = v7();
  return {
    eventId: v7(),
    streamType: 'visit',
    streamId,
    version,
    type: 'PaymentRecorded',
    schemaVersion: 1,
    data: { amount: 120_000 + version, method: 'card', note: '시술 후 진정 관리 포함 · includes soothing care', cardLast4: '4821' },
    meta: {
      commandId,
      processId: commandId,
      initiator: '0190a000-0000-7000-8000-000000000001',
      predecessorId: commandId,
      deviceId: installationId,
      raisedAt: new Date().toISOString(),
      appVersion: '0.1.0',
    },
  };
};

/** Prebuilt push bodies of one device: `count` batches over 50 streams, serialized before timing. */
const pushBodies = (device: TestDevice, count: number): string[] => {
  const streams = Array.from({ length: 50 }, () => ({ streamId: v7(), version: 0 }));
  return Array.from({ length: count }, () => {
    const events = Array.from({ length: BATCH }, (_, index) => {
      const stream = streams[index % streams.length] as { streamId: string; version: number };
      stream.version += 1;
      return visitEvent(stream.streamId, stream.version, device.installationId);
    });
    return JSON.stringify({ deviceId: device.installationId, appVersion: '0.1.0', events });
  });
};

const pushBody = async (url: string, token: string, body: string): Promise<void> => {
  const response = await fetch(`${url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  const results = PushResponseSchema.parse(await response.json()).results;
  if (results.some((result) => result.status !== 'accepted')) throw new Error('a benchmark push was not accepted');
};

/** The raw baseline: 500-row insert transactions into a table of HQ's schema, in this process. */
export interface RawInserter {
  readonly insertBatch: (rows: readonly RawRow[]) => Promise<void>;
  readonly selectPage: (after: number) => Promise<number>;
  readonly close: () => Promise<void>;
}

/** Rows as the raw baseline inserts them: built and serialized before timing, like HQ's bodies. */
export interface RawRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly data: string;
  readonly meta: string;
}

export const rawBatches = (count: number): RawRow[][] => {
  const installationId = v7();
  const streams = Array.from({ length: 50 }, () => ({ streamId: v7(), version: 0 }));
  return Array.from({ length: count }, () =>
    Array.from({ length: BATCH }, (_, index) => {
      const stream = streams[index % streams.length] as { streamId: string; version: number };
      stream.version += 1;
      const event = visitEvent(stream.streamId, stream.version, installationId);
      return { eventId: event.eventId, streamId: event.streamId, version: event.version, data: JSON.stringify(event.data), meta: JSON.stringify(event.meta) };
    }),
  );
};

export const sqliteRaw = (): RawInserter => {
  const dir = tempDir('raw-sqlite');
  void openSqliteHqStore(dir).close(); // creates the file with HQ's migrations
  const db = new Database(path.join(dir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const page = db.prepare('SELECT * FROM events WHERE tenant_id = ? AND server_position > ? ORDER BY server_position LIMIT ?');
  let position = 0;
  const batch = db.transaction((rows: readonly RawRow[], at: string) => {
    for (const row of rows) {
      position += 1;
      insert.run('raw', position, row.eventId, row.streamId, 'visit', row.version, 'PaymentRecorded', 1, row.data, row.meta, at);
    }
  });
  return {
    insertBatch: (rows) => {
      batch.immediate(rows, new Date().toISOString());
      return Promise.resolve();
    },
    selectPage: (after) => Promise.resolve(page.all('raw', after, PULL_PAGE).length),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
};

export const postgresRaw = async (url: string): Promise<RawInserter> => {
  await (await openPostgresHqStore(url)).close(); // HQ's migrations
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let position = 0;
  return {
    insertBatch: async (rows) => {
      const positions = rows.map(() => ++position);
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
         SELECT 'raw', p, e, s, st, v, t, sv, d, m, now()
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::integer[], $8::text[], $9::text[])
           AS batch (p, e, s, st, v, t, sv, d, m)`,
        [
          positions,
          rows.map((row) => row.eventId),
          rows.map((row) => row.streamId),
          rows.map(() => 'visit'),
          rows.map((row) => row.version),
          rows.map(() => 'PaymentRecorded'),
          rows.map(() => 1),
          rows.map((row) => row.data),
          rows.map((row) => row.meta),
        ],
      );
      await client.query('COMMIT');
    },
    selectPage: async (after) =>
      (await client.query("SELECT * FROM events WHERE tenant_id = 'raw' AND server_position > $1 ORDER BY server_position LIMIT $2", [after, PULL_PAGE]))
        .rowCount ?? 0,
    close: () => client.end(),
  };
};

interface Backend {
  readonly label: string;
  /** HQ's database with one clinic and its devices, closed again; where the child finds it. */
  readonly prepare: (devices: number) => Promise<{ target: HqTarget; devices: TestDevice[]; reader: TestDevice }>;
  readonly raw: () => Promise<RawInserter>;
}

const withClinic = async (store: HqStore, count: number) => {
  const clinic = await addClinic(store, 'Benchmark clinic');
  const devices: TestDevice[] = [];
  for (let index = 0; index < count; index++) devices.push(await clinic.addDevice());
  const reader = await clinic.addDevice('reader');
  await store.close();
  return { devices, reader };
};

const rate = (events: number, ms: number) => (events / ms) * 1000;
const row = (label: string, perSecond: number, note = '') => `    ${label.padEnd(46)} ${perSecond.toFixed(0).padStart(8)} events/s${note}`;

const benchBackend = async (backend: Backend): Promise<void> => {
  console.log(`\n  ${backend.label}`);
  const pushers = 4;
  const { target, devices, reader } = await backend.prepare(pushers);
  const raw = await backend.raw();
  const hq = await startHqProcess(target, { logLevel: 'warn' });
  try {
    const [single, ...others] = devices as [TestDevice, ...TestDevice[]];
    const singleBodies = pushBodies(single, ROUNDS * BATCHES_PER_ROUND + 2);
    const parallelBodies = others.map((device) => pushBodies(device, ROUNDS * Math.ceil(BATCHES_PER_ROUND / others.length)));
    const rawRowBatches = rawBatches(ROUNDS * BATCHES_PER_ROUND + 1);
    // warm-up: connections, JIT, caches
    for (const body of singleBodies.splice(0, 2)) await pushBody(hq.url, single.token, body);
    await raw.insertBatch(rawRowBatches.pop() ?? []);

    let rawMs = 0;
    let rawEvents = 0;
    let pushMs = 0;
    let pushEvents = 0;
    let parallelMs = 0;
    let parallelEvents = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      for (const rows of rawRowBatches.splice(0, BATCHES_PER_ROUND)) await raw.insertBatch(rows);
      rawMs += performance.now() - start;
      rawEvents += BATCHES_PER_ROUND * BATCH;

      start = performance.now();
      for (const body of singleBodies.splice(0, BATCHES_PER_ROUND)) await pushBody(hq.url, single.token, body);
      pushMs += performance.now() - start;
      pushEvents += BATCHES_PER_ROUND * BATCH;

      start = performance.now();
      const perPusher = Math.ceil(BATCHES_PER_ROUND / others.length);
      await Promise.all(
        others.map(async (device, index) => {
          for (const body of (parallelBodies[index] ?? []).splice(0, perPusher)) await pushBody(hq.url, device.token, body);
        }),
      );
      parallelMs += performance.now() - start;
      parallelEvents += perPusher * others.length * BATCH;
    }
    const rawRate = rate(rawEvents, rawMs);
    const pushRate = rate(pushEvents, pushMs);
    const parallelRate = rate(parallelEvents, parallelMs);
    console.log(row(`raw insert, ${BATCH}-row transactions`, rawRate));
    const goal = backend.label.startsWith('SQLite') ? `   goal >= 20,000: ${pushRate >= 20_000 ? 'met' : 'NOT met'}` : '';
    console.log(row(`HQ push, 1 desk, batches of ${BATCH}`, pushRate, `   ${(pushRate / rawRate).toFixed(2)} of raw${goal}`));
    console.log(row(`HQ push, ${others.length} desks at once, batches of ${BATCH}`, parallelRate, `   ${(parallelRate / rawRate).toFixed(2)} of raw`));

    // pull: the whole tenant log in pages, beside a raw page-by-page select of the baseline table
    let start = performance.now();
    let after = 0;
    let pulled = 0;
    for (;;) {
      const response = await fetch(`${hq.url}/v1/events?after=${after}&limit=${PULL_PAGE}`, { headers: { authorization: `Bearer ${reader.token}` } });
      const page = PullResponseSchema.parse(await response.json());
      pulled += page.events.length;
      after = page.events.at(-1)?.serverPosition ?? after;
      if (!page.more) break;
    }
    const pullRate = rate(pulled, performance.now() - start);
    start = performance.now();
    let selected = 0;
    for (let position = 0; ; position += PULL_PAGE) {
      const count = await raw.selectPage(position);
      selected += count;
      if (count < PULL_PAGE) break;
    }
    const selectRate = rate(selected, performance.now() - start);
    console.log(row(`HQ pull, pages of ${PULL_PAGE} (${pulled} events)`, pullRate, `   ${(pullRate / rawRate).toFixed(2)} of raw insert`));
    console.log(row(`raw select, pages of ${PULL_PAGE}`, selectRate, `   (HQ pull is ${(pullRate / selectRate).toFixed(2)} of it)`));
  } finally {
    await hq.stop();
    await raw.close();
  }
};

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

export const runHqBench = async (): Promise<void> => {
  console.log('\nHQ sync server over loopback HTTP (HQ in its own process; ~650-byte events; rounds alternate HQ and raw)');
  // on a shared machine the figures move with its load: print it, so a run can be judged
  console.log(`  ${os.cpus().length} cores, load average ${loadAverage()} (1, 5, 15 min) at the start`);
  await benchBackend({
    label: 'SQLite (embedded file, WAL, synchronous=FULL)',
    prepare: async (count) => {
      const dataDir = tempDir('sqlite');
      return { target: { args: ['--data', dataDir], env: {} }, ...(await withClinic(openSqliteHqStore(dataDir), count)) };
    },
    raw: () => Promise.resolve(sqliteRaw()),
  });
  const postgres = await startPostgresProcess();
  try {
    await benchBackend({
      label: 'PostgreSQL (embedded 18, default durability: fsync on, synchronous_commit on)',
      prepare: async (count) => {
        const url = await createTestDatabase(postgres.adminUrl, 'bench_hq');
        return { target: { args: [], env: { HQ_DATABASE_URL: url } }, ...(await withClinic(await openPostgresHqStore(url), count)) };
      },
      raw: async () => postgresRaw(await createTestDatabase(postgres.adminUrl, 'bench_raw')),
    });
  } finally {
    await postgres.stop();
  }
  console.log(`\n  load average ${loadAverage()} at the end`);
};
