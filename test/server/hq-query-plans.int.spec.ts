/**
 * HQ's lookups must seek an index per id, never read a tenant's whole log: one clinic is one
 * tenant, so `tenant_id = ?` alone matches every row HQ holds. Checked on SQLite's and
 * PostgreSQL's own query plans, which a result-only test at any size cannot see (a push that
 * scanned a million events still answered right, a second late).
 */
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PAGE_SQL as POSTGRES_PAGE_SQL, PUSH_SQL } from '../../src-server/store/postgres/postgres-event-log.js';
import { SESSION_OPTIONS, openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { openHqSqlite, type HqSqlite } from '../../src-server/store/sqlite/open-sqlite.js';
import { PAGE_SQL, PUSH_LOOKUP_SQL } from '../../src-server/store/sqlite/sqlite-event-log.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { tempDir } from '../support/tab-desk.js';

let dir: string;
let db: HqSqlite;

beforeAll(() => {
  dir = tempDir('hq-plans');
  db = openHqSqlite(dir);
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const plan = (sql: string, params: unknown): string => {
  const statement = db.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (Array.isArray(params) ? statement.all(...(params as unknown[])) : statement.all(params)) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
};

const ids = JSON.stringify(['019a0000-0000-7000-8000-000000000001', '019a0000-0000-7000-8000-000000000002']);

describe('HQ query plans (SQLite)', () => {
  it.each([
    ['events already recorded, by event id', PUSH_LOOKUP_SQL.recorded, { tenant: 't', ids }, /SEARCH e USING INDEX events_event_id \(tenant_id=\? AND event_id=\?\)/],
    ['each stream`s head', PUSH_LOOKUP_SQL.streamHeads, { tenant: 't', ids }, /SEARCH e USING INDEX events_stream_version \(tenant_id=\? AND stream_id=\? AND version=\?\)/],
    ['the event at a basis version', PUSH_LOOKUP_SQL.eventAt, ['t', 's', 1], /SEARCH events USING INDEX events_stream_version \(tenant_id=\? AND stream_id=\? AND version=\?\)/],
  ])('a push looks up %s with one index seek per id', (_name, sql, params, expected) => {
    const detail = plan(sql, params);
    expect(detail).toMatch(expected);
    // the tenant's whole log (one clinic holds every row), read through the primary key or scanned
    expect(detail).not.toMatch(/USING PRIMARY KEY \(tenant_id=\?\)$/m);
    expect(detail).not.toMatch(/SCAN (e|events)\b/);
  });

  it('a pull reads one range of the log from its position, and asks the large-event index whether to sum its bytes', () => {
    const detail = plan(PAGE_SQL, { tenant: 't', after: 0, limit: 500, maxBytes: DEFAULT_LIMITS.maxPullBytes });
    expect(detail).toMatch(/SEARCH events USING PRIMARY KEY \(tenant_id=\? AND server_position>\? AND server_position<\?\)/);
    expect(detail).toMatch(/SEARCH events USING INDEX events_large \(tenant_id=\? AND server_position>\? AND server_position<\?\)/);
    // the bytes, when summed, over the page's own range
    expect(detail).toMatch(/SEARCH events USING PRIMARY KEY \(tenant_id=\? AND server_position>\?\)$/m);
    expect(detail).not.toMatch(/SCAN events\b/);
    // only the page's own events are ordered again, as group_concat joins them; the log is read in its order
    expect(detail.split('\n').filter((line) => line.includes('TEMP B-TREE'))).toEqual(['USE TEMP B-TREE FOR group_concat(ORDER BY)']);
  });
});

describe('HQ query plans (PostgreSQL)', () => {
  let client: pg.Client;
  const tenant = '019a0000-0000-7000-8000-0000000000aa';
  const streams = Array.from({ length: 250 }, (_, index) => `019a0000-0000-7000-8000-${String(index).padStart(12, '0')}`);

  beforeAll(async () => {
    const url = await createTestDatabase(inject('hqPostgresUrl'), 'hq_plans');
    await (await openPostgresHqStore(url)).close();
    client = new pg.Client({ connectionString: url });
    await client.connect();
    // statistics taken while the log was small, then thousands of events more: a log that grew
    // faster than autovacuum analyzed it (a new clinic importing its history, a long drain)
    await client.query('ALTER TABLE events SET (autovacuum_enabled = false)');
    const fill = (from: number, to: number) =>
      client.query(
        `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
         SELECT $1, g, md5(g::text)::uuid::text, ($2::text[])[1 + g % 250], 'visit', g, 'MemoAdded', 1, '{}', '{}', now()
         FROM generate_series($3::int, $4::int) AS g`,
        [tenant, streams, from, to],
      );
    await fill(1, 50);
    await client.query('ANALYZE events');
    await fill(51, 7_000);
  });

  afterAll(async () => {
    await client.end();
  });

  const plan = async (sql: string, params: unknown[]): Promise<string> =>
    ((await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows).map((row) => row['QUERY PLAN']).join('\n');

  it('a push looks up recorded events, stream heads and basis events through an index each, never the tenant`s whole log', async () => {
    const detail = await plan(PUSH_SQL.lookups, [tenant, streams.map((_, index) => `019a0001-0000-7000-8000-${String(index).padStart(12, '0')}`), streams, streams, streams.map(() => 3)]);
    expect(detail).toMatch(/Index Scan using events_tenant_id_event_id_key/);
    expect(detail).toMatch(/Index Scan Backward using events_tenant_id_stream_id_version_key/);
    expect(detail).toMatch(/Index Scan using events_tenant_id_stream_id_version_key/);
    expect(detail).not.toMatch(/Hash Join|Merge Join|Seq Scan on events|Bitmap Heap Scan on events/);
  });

  it('a pull reads one range of the log from its position, and asks the large-event index whether to sum its bytes', async () => {
    const detail = await plan(POSTGRES_PAGE_SQL, [tenant, 6_000, 1_000, DEFAULT_LIMITS.maxPullBytes]);
    expect(detail).toMatch(/Index Scan using events_pkey on events/);
    expect(detail).toMatch(/Index (Only )?Scan using events_large on events/);
    expect(detail).not.toMatch(/Seq Scan on events|Bitmap Heap Scan on events/);
  });
});

/**
 * A client on a new HQ database (HQ's migrations) planning as HQ's own connections do, with
 * autovacuum off so that the statistics stay as each test leaves them.
 */
const connectedAsHq = async (label: string): Promise<pg.Client> => {
  const url = await createTestDatabase(inject('hqPostgresUrl'), label);
  await (await openPostgresHqStore(url)).close();
  const client = new pg.Client({ connectionString: url, options: SESSION_OPTIONS });
  await client.connect();
  await client.query('ALTER TABLE events SET (autovacuum_enabled = false)');
  return client;
};

/**
 * A clinic added to an HQ that already holds a larger one, before autovacuum analyzes the table
 * again: the statistics know only the first clinic, so a plan made for the new one's tenant id
 * expects a single row of it and reached each stream through a filter over the clinic's whole log
 * (7 s a push at 20,000 events). HQ's connections plan for any tenant (SESSION_OPTIONS); a
 * prepared statement shows the plan a connection would run.
 */
describe('HQ query plans (PostgreSQL), a clinic added beside a larger one', () => {
  let client: pg.Client;
  const older = '019a0000-0000-7000-8000-0000000000a1';
  const added = '019a0000-0000-7000-8000-0000000000b2';
  const streams = Array.from({ length: 250 }, (_, index) => `019a0000-0000-7000-8000-${String(index).padStart(12, '0')}`);
  const literal = (values: readonly (string | number)[], type: string) => `ARRAY[${values.map((value) => (typeof value === 'number' ? String(value) : `'${value}'`)).join(',')}]::${type}[]`;

  beforeAll(async () => {
    client = await connectedAsHq('hq_plans_added');
    const fill = (tenant: string, count: number) =>
      client.query(
        `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
         SELECT $1, g, md5($1 || g::text)::uuid::text, ($2::text[])[1 + g % 250], 'visit', g, 'MemoAdded', 1, '{}', '{}', now()
         FROM generate_series(1, $3::int) AS g`,
        [tenant, streams, count],
      );
    await fill(older, 20_000);
    await client.query('ANALYZE events');
    await fill(added, 3_000);
    await client.query(`PREPARE lookups (text, text[], text[], text[], bigint[]) AS ${PUSH_SQL.lookups}`);
    await client.query(`PREPARE page (text, bigint, integer, bigint) AS ${POSTGRES_PAGE_SQL}`);
  });

  afterAll(async () => {
    await client.end();
  });

  const explain = async (statement: string): Promise<string> =>
    (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${statement}`)).rows.map((row) => row['QUERY PLAN']).join('\n');

  it.each([
    ['the clinic the statistics know', older],
    ['the clinic added since', added],
  ])('a push of %s seeks each stream and id through its index', async (_name, tenant) => {
    const ids = streams.map((_, index) => `019a0001-0000-7000-8000-${String(index).padStart(12, '0')}`);
    const detail = await explain(`lookups ('${tenant}', ${literal(ids, 'text')}, ${literal(streams, 'text')}, ${literal(streams, 'text')}, ${literal(streams.map(() => 3), 'bigint')})`);
    expect(detail).toMatch(/Index Scan using events_tenant_id_event_id_key/);
    expect(detail).toMatch(/Index Scan Backward using events_tenant_id_stream_id_version_key/);
    expect(detail).toMatch(/Index Scan using events_tenant_id_stream_id_version_key/);
    // the added clinic's whole log read through another index, each row filtered by stream
    expect(detail).not.toMatch(/Filter: .*stream_id/);
    expect(detail).not.toMatch(/Hash Join|Merge Join|Seq Scan on events|Bitmap Heap Scan on events|Sort/);
  });

  it('a pull of the added clinic reads one range of its log', async () => {
    const detail = await explain(`page ('${added}', 1000, 1000, ${DEFAULT_LIMITS.maxPullBytes})`);
    expect(detail).toMatch(/Index Scan using events_pkey on events/);
    expect(detail).not.toMatch(/Seq Scan on events|Bitmap Heap Scan on events/);
  });
});

/**
 * A log PostgreSQL has never analyzed (a new HQ database, its first clinic pushing): without
 * statistics a plan made for the values given expected a few hundred rows after the position and
 * read every row after it, then sorted them for the first page (54 ms a page of 1,000 with 70,000
 * behind it, growing with the log). HQ's connections plan for any values (SESSION_OPTIONS).
 */
describe('HQ query plans (PostgreSQL), a log never analyzed', () => {
  let client: pg.Client;
  const tenant = '019a0000-0000-7000-8000-0000000000c3';

  beforeAll(async () => {
    client = await connectedAsHq('hq_plans_unanalyzed');
    await client.query(
      `INSERT INTO events (tenant_id, server_position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, received_at)
       SELECT $1, g, md5($1 || g::text)::uuid::text, md5((g % 50)::text)::uuid::text, 'visit', g, 'MemoAdded', 1, '{}', '{}', now()
       FROM generate_series(1, 20000) AS g`,
      [tenant],
    );
    await client.query(`PREPARE page (text, bigint, integer, bigint) AS ${POSTGRES_PAGE_SQL}`);
  });

  afterAll(async () => {
    await client.end();
  });

  it('a pull from its start reads the page through the log`s order, not every event after the position', async () => {
    const detail = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE page ('${tenant}', 0, 1000, ${DEFAULT_LIMITS.maxPullBytes})`)).rows.map((row) => row['QUERY PLAN']).join('\n');
    // the page's limit stops an index scan in position order (only the page itself is sorted again, for the join)
    expect(detail).toMatch(/->\s+Index Scan using events_pkey on events\s/);
    expect(detail).not.toMatch(/->\s+Sort/);
    // so does the sum of its bytes when it is needed
    expect(detail).toMatch(/WindowAgg[^\n]*\n\s*Window:[^\n]*\n\s*->\s+Index Scan using events_pkey on events/);
    expect(detail).not.toMatch(/Seq Scan on events|Bitmap Heap Scan on events/);
  });
});
