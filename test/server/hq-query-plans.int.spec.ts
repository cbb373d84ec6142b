/**
 * HQ's SQLite lookups must seek an index per id, never read a tenant's whole log: one clinic is
 * one tenant, so `tenant_id = ?` alone matches every row HQ holds. Checked on SQLite's own query
 * plans, which a result-only test at any size cannot see (a push that scanned a million events
 * still answered right, a second late).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHqSqlite, type HqSqlite } from '../../src-server/store/sqlite/open-sqlite.js';
import { PAGE_SQL, PUSH_LOOKUP_SQL } from '../../src-server/store/sqlite/sqlite-event-log.js';
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

  it('a pull reads one range of the log from its position', () => {
    const detail = plan(PAGE_SQL, ['t', 0, 500]);
    expect(detail).toMatch(/SEARCH events USING PRIMARY KEY \(tenant_id=\? AND server_position>\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
