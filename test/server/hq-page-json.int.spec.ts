/**
 * HQ on SQLite has SQLite write a pull page's JSON (PAGE_SQL in sqlite-event-log.ts); on
 * PostgreSQL pulledEvents writes it from the rows (pulled-event.ts). Both must write exactly what
 * JSON.stringify of each field would, around data and meta as stored, whatever the data holds: a
 * desk cannot tell which database served it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PullResponseSchema } from '../../shared/contract/sync-protocol.js';
import { NO_EVENTS, parsePulledEvents, pullResponseBytes } from '../../src-server/log/pulled-event.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { postgresBackend, sqliteBackend, type HqBackend, type HqDatabase } from '../support/hq-databases.js';
import { addClinic, envelope, newStreamId, storePush } from '../support/hq-fixtures.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';

/** Data a desk may well push: Korean, an emoji, quotes, backslashes, escapes, nesting, numbers. */
const hostileData = [
  { text: '보톡스 상담 — 다음 방문 때 레이저 토닝' },
  { text: 'emoji 😀 and a surrogate pair 𝄞', note: 'quote " backslash \\ slash / tab \t newline \n' },
  { text: '\u0001\u001f control characters, \u2028 line separator, \u00e9 é' },
  { nested: { list: [1, -2, 3.5, 1e-7, 12345678901234], empty: {}, none: null, yes: true } },
  { text: '' },
];

/** An events row as HqDatabase.dump gives it (PostgreSQL's bigints as text, its dates as ISO text). */
interface DumpedEvent {
  readonly tenant_id: string;
  readonly server_position: number | string;
  readonly event_id: string;
  readonly stream_type: string;
  readonly stream_id: string;
  readonly version: number | string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly meta: string;
  readonly received_at: string;
}

/** What the protocol's page is, written here field by field with JSON.stringify. */
const expectedPage = (rows: readonly DumpedEvent[]): string =>
  rows
    .map(
      (row) =>
        `{"eventId":${JSON.stringify(row.event_id)},"tenantId":${JSON.stringify(row.tenant_id)},"streamType":${JSON.stringify(row.stream_type)},` +
        `"streamId":${JSON.stringify(row.stream_id)},"version":${Number(row.version)},"type":${JSON.stringify(row.type)},"schemaVersion":${row.schema_version},` +
        `"data":${row.data},"meta":${row.meta},"serverPosition":${Number(row.server_position)},"receivedAt":${JSON.stringify(row.received_at)}}`,
    )
    .join(',');

const pageJson = (backend: HqBackend) =>
  describe(`a pull page written by ${backend.name}`, () => {
    let db: HqDatabase;
    let store: HqStore;
    let tenantId: string;
    let stored: DumpedEvent[];

    beforeAll(async () => {
      db = await backend.create();
      store = await db.open();
      const clinic = await addClinic(store);
      tenantId = clinic.tenantId;
      const device = await clinic.addDevice();
      const streamId = newStreamId();
      const events = hostileData.map((data, index) => envelope({ streamId, version: index + 1, installationId: device.installationId, data }));
      const outcome = await store.push(storePush(tenantId, device, events, '2026-12-02T13:30:01.234Z'));
      expect(outcome.kind === 'done' && outcome.results.map((result) => result.status)).toEqual(hostileData.map(() => 'accepted'));
      const dump = JSON.parse(await db.dump()) as { events: string[] };
      stored = dump.events.map((row) => JSON.parse(row) as DumpedEvent).sort((a, b) => Number(a.server_position) - Number(b.server_position));
    });

    afterAll(async () => {
      await store.close();
    });

    it.each([
      ['the whole log', 0, 1000],
      ['a page from the middle', 1, 3],
      ['one event', 4, 1],
    ])('writes %s as JSON.stringify would, with its count and last position', async (_name, after, limit) => {
      const page = await store.readEvents(tenantId, after, limit, DEFAULT_LIMITS.maxPullBytes);
      const rows = stored.slice(after, after + limit);
      expect(Buffer.from(page.events.json).toString('utf8')).toBe(expectedPage(rows));
      expect({ count: page.events.count, lastPosition: page.events.lastPosition }).toEqual({ count: rows.length, lastPosition: after + rows.length });
      expect(parsePulledEvents(page.events).map((event) => event.data)).toEqual(hostileData.slice(after, after + limit));
    });

    it('answers an empty page past the head, and a whole answer parses as the protocol says', async () => {
      const empty = await store.readEvents(tenantId, 5, 1000, DEFAULT_LIMITS.maxPullBytes);
      expect(empty.events).toEqual(NO_EVENTS);
      expect(empty.head).toBe(5);
      const page = await store.readEvents(tenantId, 0, 1000, DEFAULT_LIMITS.maxPullBytes);
      const answer = PullResponseSchema.parse(JSON.parse(pullResponseBytes({ logId: store.logId, events: page.events, head: page.head, more: false }).toString('utf8')));
      expect(answer.events.map((event) => [event.version, event.receivedAt])).toEqual([1, 2, 3, 4, 5].map((version) => [version, '2026-12-02T13:30:01.234Z']));
    });
  });

pageJson(sqliteBackend);
pageJson(postgresBackend(inject('hqPostgresUrl')));
