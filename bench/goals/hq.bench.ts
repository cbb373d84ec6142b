/**
 * Goal 6: HQ's push and pull in events/s over loopback HTTP, HQ running as its own process
 * (`src-server/cli.ts serve`, as in production), on SQLite and on PostgreSQL. Beside each, the raw
 * rate of the same database measured in the same run: 500-row insert transactions straight into a
 * table made by HQ's own migrations (same columns, same indexes) without HTTP, JSON, validation or
 * the push decision; and the same pages read back with a plain SELECT. Rounds alternate HQ and the
 * raw baseline, so a slow moment of the machine falls on both. The pull's client reads each page
 * as JSON (as any client must), without the desk's own validation of it.
 * Goal: push ≥ 0.5 of raw insert, pull ≥ 0.5 of raw select, on both databases.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 } from 'uuid';
import { PushResponseSchema } from '../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import { SESSION_OPTIONS, openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { addClinic, type TestDevice } from '../../test/support/hq-fixtures.js';
import type { HqProcess, HqTarget } from '../../test/support/hq-process.js';
import { createTestDatabase } from '../../test/support/postgres-database.js';
import type { Bench, BenchContext } from '../context.js';
import { benchHqStarter, stopBenchHq } from './bench-hq.js';
import type { Row } from '../report.js';

export const BATCH = 500;
const ROUNDS = 8;
const BATCHES_PER_ROUND = 12;
/** --quick: 2 rounds of 6, still 12 pushes of 500 (6,000 events) per push figure, alternated with the raw inserts, and 13 pages pulled. */
const QUICK_ROUNDS = 2;
const QUICK_BATCHES_PER_ROUND = 6;
const PULL_PAGE = 1000;


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

/**
 * Prebuilt push bodies of one device: `count` batches over 50 streams, serialized and encoded as
 * UTF-8 before timing (given a string, fetch checks and encodes it on every call, about 12 µs an
 * event of this process's time on the cores HQ shares).
 */
export const pushBodies = (device: TestDevice, count: number): Uint8Array[] => {
  const streams = Array.from({ length: 50 }, () => ({ streamId: v7(), version: 0 }));
  return Array.from({ length: count }, () => {
    const events = Array.from({ length: BATCH }, (_, index) => {
      const stream = streams[index % streams.length] as { streamId: string; version: number };
      stream.version += 1;
      return visitEvent(stream.streamId, stream.version, device.installationId);
    });
    return Buffer.from(JSON.stringify({ deviceId: device.installationId, appVersion: '0.1.0', events }), 'utf8');
  });
};

export const pushBody = async (url: string, token: string, body: Uint8Array): Promise<void> => {
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

export const sqliteRaw = (dir: string): RawInserter => {
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
  // planned as HQ's own connections plan: made for the values given, the page's SELECT on a table
  // never analyzed read every row after the position and sorted them (6× slower at 120,000 rows)
  const client = new pg.Client({ connectionString: url, options: SESSION_OPTIONS });
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

/**
 * `alongside`: set-up of what comes next (PostgreSQL starting), done beside this backend's own
 * set-up and awaited with it, so nothing runs beside the timed rounds.
 */
const benchBackend = async (context: BenchContext, backend: Backend, alongside: Promise<unknown> = Promise.resolve()): Promise<Row[]> => {
  const rounds = context.quick ? QUICK_ROUNDS : ROUNDS;
  const perRound = context.quick ? QUICK_BATCHES_PER_ROUND : BATCHES_PER_ROUND;
  const pushers = 4;
  const { target, devices, reader } = await backend.prepare(pushers);
  const startHq = await benchHqStarter();
  const raw = await backend.raw();
  // HQ's process starts (a second or more of loading modules) while this one builds the bodies
  const starting = startHq(target);
  let hq: HqProcess | undefined;
  try {
    const [single, ...others] = devices as [TestDevice, ...TestDevice[]];
    const perPusher = Math.ceil(perRound / others.length);
    const singleBodies = pushBodies(single, rounds * perRound + 2);
    const parallelBodies = others.map((device) => pushBodies(device, rounds * perPusher));
    const rawRowBatches = rawBatches(rounds * perRound + 1);
    const [running] = await Promise.all([starting, alongside]);
    hq = running;
    // warm-up: connections, JIT, caches
    for (const body of singleBodies.splice(0, 2)) await pushBody(running.url, single.token, body);
    await raw.insertBatch(rawRowBatches.pop() ?? []);

    const spent = { raw: 0, push: 0, parallel: 0, pull: 0, select: 0 };
    const counted = { raw: 0, push: 0, parallel: 0, pull: 0, select: 0 };
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      for (const rows of rawRowBatches.splice(0, perRound)) await raw.insertBatch(rows);
      spent.raw += performance.now() - start;
      counted.raw += perRound * BATCH;

      start = performance.now();
      for (const body of singleBodies.splice(0, perRound)) await pushBody(running.url, single.token, body);
      spent.push += performance.now() - start;
      counted.push += perRound * BATCH;

      start = performance.now();
      await Promise.all(
        others.map(async (device, index) => {
          for (const body of (parallelBodies[index] ?? []).splice(0, perPusher)) await pushBody(running.url, device.token, body);
        }),
      );
      spent.parallel += performance.now() - start;
      counted.parallel += perPusher * others.length * BATCH;
      context.progress(`${backend.label}: push rounds`, round + 1, rounds);
    }

    // pull: the whole tenant log in pages, each page beside the same page selected raw from the baseline table;
    // timed until the whole answer has arrived (HQ's work and the transfer), the client's parsing apart
    let after = 0;
    let parsing = 0;
    for (;;) {
      let start = performance.now();
      const response = await fetch(`${running.url}/v1/events?after=${after}&limit=${PULL_PAGE}`, { headers: { authorization: `Bearer ${reader.token}` } });
      const bytes = await response.arrayBuffer();
      spent.pull += performance.now() - start;
      start = performance.now();
      const page = JSON.parse(new TextDecoder().decode(bytes)) as { events: { serverPosition: number }[]; more: boolean };
      parsing += performance.now() - start;
      counted.pull += page.events.length;
      start = performance.now();
      counted.select += await raw.selectPage(after);
      spent.select += performance.now() - start;
      after = page.events.at(-1)?.serverPosition ?? after;
      if (!page.more) break;
    }
    const rawRate = rate(counted.raw, spent.raw);
    const pushRate = rate(counted.push, spent.push);
    const parallelRate = rate(counted.parallel, spent.parallel);
    const pullRate = rate(counted.pull, spent.pull);
    const selectRate = rate(counted.select, spent.select);
    const insertBaseline = { name: `raw insert, ${BATCH}-row transactions, same schema`, value: rawRate, unit: 'events/s' };
    return [
      {
        goal: 6,
        name: `HQ push, ${backend.label}, 1 desk, batches of ${BATCH}`,
        figure: { value: pushRate, unit: 'events/s', detail: `${counted.push.toLocaleString('en-US')} events` },
        baseline: insertBaseline,
        ratio: pushRate / rawRate,
        target: { of: 'ratio', atLeast: 0.5, text: '≥ 0.5 of raw insert' },
      },
      {
        goal: 6,
        name: `HQ push, ${backend.label}, ${others.length} desks at once`,
        figure: { value: parallelRate, unit: 'events/s', detail: `${counted.parallel.toLocaleString('en-US')} events` },
        baseline: insertBaseline,
        ratio: parallelRate / rawRate,
        target: { of: 'ratio', atLeast: 0.5, text: '≥ 0.5 of raw insert' },
      },
      {
        goal: 6,
        name: `HQ pull, ${backend.label}, pages of ${PULL_PAGE}`,
        figure: {
          value: pullRate,
          unit: 'events/s',
          detail: `${counted.pull.toLocaleString('en-US')} events, until each answer has arrived; the client's decoding and JSON.parse of them took ${((parsing / counted.pull) * 1000).toFixed(1)} µs an event more`,
        },
        baseline: { name: `raw select of the same pages`, value: selectRate, unit: 'events/s' },
        ratio: pullRate / selectRate,
        target: { of: 'ratio', atLeast: 0.5, text: '≥ 0.5 of raw select' },
      },
    ];
  } finally {
    const running = hq ?? (await starting.catch(() => undefined));
    if (running) await stopBenchHq(context, running);
    await raw.close();
  }
};

export const hqBench: Bench = async (context) => {
  // PostgreSQL starts beside the SQLite HQ's set-up (a failure surfaces where it is awaited)
  const postgresStarting = context.postgres();
  postgresStarting.catch(() => undefined);
  const rows = await benchBackend(
    context,
    {
      label: 'SQLite',
      prepare: async (count) => {
        const dataDir = context.scratchDir('hq-sqlite');
        return { target: { args: ['--data', dataDir], env: {} }, ...(await withClinic(openSqliteHqStore(dataDir), count)) };
      },
      raw: () => Promise.resolve(sqliteRaw(context.scratchDir('raw-sqlite'))),
    },
    postgresStarting,
  );
  const postgres = await postgresStarting;
  rows.push(
    ...(await benchBackend(context, {
      label: 'PostgreSQL',
      prepare: async (count) => {
        const url = await createTestDatabase(postgres.adminUrl, 'bench_hq');
        return { target: { args: [], env: { HQ_DATABASE_URL: url } }, ...(await withClinic(await openPostgresHqStore(url), count)) };
      },
      raw: async () => postgresRaw(await createTestDatabase(postgres.adminUrl, 'bench_raw')),
    })),
  );
  return rows;
};
