/**
 * HQ on SQLite has SQLite write a pull page's JSON (sqlite-event-log.ts, PAGE_SQL); PostgreSQL's
 * page is written from its rows by pulledEvents. Both must give the same bytes for the same events,
 * whatever their data holds: a desk cannot tell which database served it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema } from '../../shared/contract/sync-protocol.js';
import { checkEvent } from '../../src-server/log/checked-event.js';
import { NO_EVENTS, parsePulledEvents, pulledEvents, pullResponseBytes } from '../../src-server/log/pulled-event.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import { addClinic, envelope, newStreamId } from '../support/hq-fixtures.js';
import { tempDir } from '../support/tab-desk.js';

/** Data a desk may well push: Korean, an emoji, quotes, backslashes, escapes, nesting, numbers. */
const hostileData = [
  { text: '보톡스 상담 — 다음 방문 때 레이저 토닝' },
  { text: 'emoji 😀 and a surrogate pair 𝄞', note: 'quote " backslash \\ slash / tab \t newline \n' },
  { text: '\u0001\u001f control characters, \u2028 line separator, \u00e9 é' },
  { nested: { list: [1, -2, 3.5, 1e-7, 12345678901234], empty: {}, none: null, yes: true } },
  { text: '' },
];

describe('a pull page written by SQLite', () => {
  let dir: string;
  let store: HqStore;
  let tenantId: string;

  beforeAll(async () => {
    dir = tempDir('hq-page-json');
    store = openSqliteHqStore(dir);
    const clinic = await addClinic(store);
    tenantId = clinic.tenantId;
    const device = await clinic.addDevice();
    const streamId = newStreamId();
    const events = hostileData.map((data, index) => envelope({ streamId, version: index + 1, installationId: device.installationId, data }));
    const outcome = await store.push({
      tenantId,
      deviceId: device.deviceId,
      installationId: device.installationId,
      appVersion: '0.1.0',
      receivedAt: new Date().toISOString(),
      events: events.map((event) => checkEvent({ ...event })),
      basis: new Map(),
      onlyRecorded: false,
    });
    expect(outcome.kind).toBe('done');
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  interface StoredRow {
    readonly tenant_id: string;
    readonly server_position: number;
    readonly event_id: string;
    readonly stream_type: string;
    readonly stream_id: string;
    readonly version: number;
    readonly type: string;
    readonly schema_version: number;
    readonly data: string;
    readonly meta: string;
    readonly received_at: string;
  }

  /** The same page as pulledEvents writes it from the stored rows. */
  const writtenFromRows = (afterPosition: number, limit: number) => {
    const db = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT * FROM events WHERE tenant_id = ? AND server_position > ? ORDER BY server_position LIMIT ?')
        .all(tenantId, afterPosition, limit) as StoredRow[];
      return pulledEvents(
        rows.map((row) => ({
          tenantId: row.tenant_id,
          serverPosition: row.server_position,
          eventId: row.event_id,
          streamType: row.stream_type,
          streamId: row.stream_id,
          version: row.version,
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          meta: row.meta,
          receivedAt: row.received_at,
        })),
      );
    } finally {
      db.close();
    }
  };

  it.each([
    ['the whole log', 0, 1000],
    ['a page from the middle', 1, 3],
    ['one event', 4, 1],
  ])('writes the same bytes as the rows give for %s, with its count and last position', async (_name, after, limit) => {
    const page = await store.readEvents(tenantId, after, limit);
    const expected = writtenFromRows(after, limit);
    expect(Buffer.from(page.events.json).toString('utf8')).toBe(Buffer.from(expected.json).toString('utf8'));
    expect({ count: page.events.count, lastPosition: page.events.lastPosition }).toEqual({ count: expected.count, lastPosition: expected.lastPosition });
    expect(parsePulledEvents(page.events).map((event) => event.data)).toEqual(hostileData.slice(after, after + limit));
  });

  it('answers an empty page past the head, and the answer parses as the protocol says', async () => {
    const page = await store.readEvents(tenantId, 5, 1000);
    expect(page.events).toEqual(NO_EVENTS);
    expect(page.head).toBe(5);
    const full = await store.readEvents(tenantId, 0, 1000);
    const answer = PullResponseSchema.parse(JSON.parse(pullResponseBytes({ logId: store.logId, events: full.events, head: full.head, more: false }).toString('utf8')));
    expect(answer.events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
  });
});
