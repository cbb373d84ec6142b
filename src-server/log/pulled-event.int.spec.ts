/**
 * A pulled event's JSON is written two ways from one table of fields: by pulledEvents (from rows,
 * PostgreSQL) and by SQLite itself (pulledEventSql). Given the same stored columns, both give
 * the same bytes, and those bytes parse to the envelope that was stored.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PulledEventSchema } from '../../shared/contract/sync-protocol.js';
import { pulledEvents, pulledEventSql, type StoredEventRow } from './pulled-event.js';

const rows: StoredEventRow[] = [
  {
    tenantId: '0190a000-0000-7000-8000-0000000000aa',
    serverPosition: 1,
    eventId: '0190a000-0000-7000-8000-000000000001',
    streamType: 'visit',
    streamId: '0190a000-0000-7000-8000-000000000002',
    version: 1,
    type: 'MemoAdded',
    schemaVersion: 1,
    data: JSON.stringify({ text: '환자 "김" \\ 메모\n\t끝 \u2028 😀', amount: -1.5e-7, list: [null, true, {}], nested: { a: [] } }),
    meta: JSON.stringify({
      commandId: '0190a000-0000-7000-8000-000000000003',
      processId: '0190a000-0000-7000-8000-000000000003',
      initiator: 'device:0190a000-0000-7000-8000-000000000005',
      predecessorId: '0190a000-0000-7000-8000-000000000003',
      deviceId: '0190a000-0000-7000-8000-000000000005',
      raisedAt: '2026-11-25T09:00:00.000Z',
      appVersion: '1.2.3-beta.1',
    }),
    receivedAt: '2026-11-25T09:00:00.412Z',
  },
  {
    tenantId: '0190a000-0000-7000-8000-0000000000aa',
    serverPosition: 9_007_199_254_740_991,
    eventId: '0190a000-0000-7000-8000-000000000009',
    streamType: 'clinic',
    streamId: 'clinic',
    version: 4_294_967_297,
    type: 'OpeningHoursSet',
    schemaVersion: 1000,
    data: '{}',
    meta: JSON.stringify({
      commandId: '0190a000-0000-7000-8000-000000000006',
      processId: '0190a000-0000-7000-8000-000000000006',
      initiator: '0190a000-0000-7000-8000-000000000007',
      predecessorId: '0190a000-0000-7000-8000-000000000006',
      deviceId: '0190a000-0000-7000-8000-000000000005',
      raisedAt: '2099-12-31T23:59:59.999Z',
      appVersion: '0.1.0',
    }),
    receivedAt: '2000-01-01T00:00:00Z',
  },
];

describe('a pulled event written by SQLite and by pulledEvents', () => {
  it('given the same stored columns, gives the same bytes, which parse to the stored envelope', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE events (tenant_id TEXT NOT NULL, server_position INTEGER NOT NULL, event_id TEXT NOT NULL, stream_id TEXT NOT NULL,
             stream_type TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
             meta TEXT NOT NULL, received_at TEXT NOT NULL) STRICT`);
    const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const row of rows) {
      insert.run(row.tenantId, row.serverPosition, row.eventId, row.streamId, row.streamType, row.version, row.type, row.schemaVersion, row.data, row.meta, row.receivedAt);
    }
    const bySqlite = db.prepare(`SELECT CAST(${pulledEventSql()} AS BLOB) AS json FROM events ORDER BY server_position`).pluck().all() as Buffer[];
    const byRows = pulledEvents(rows).map((event) => Buffer.from(event.json));
    const asBytes = pulledEvents(rows.map((row) => ({ ...row, data: Buffer.from(row.data as string), meta: Buffer.from(row.meta as string) }))).map((event) => Buffer.from(event.json));
    expect(bySqlite.map((json) => json.toString('utf8'))).toEqual(byRows.map((json) => json.toString('utf8')));
    expect(asBytes).toEqual(byRows);
    for (const [index, json] of byRows.entries()) {
      const row = rows[index] as StoredEventRow;
      expect(PulledEventSchema.parse(JSON.parse(json.toString('utf8')))).toEqual({
        eventId: row.eventId,
        tenantId: row.tenantId,
        streamType: row.streamType,
        streamId: row.streamId,
        version: row.version,
        type: row.type,
        schemaVersion: row.schemaVersion,
        data: JSON.parse(row.data as string) as unknown,
        meta: JSON.parse(row.meta as string) as unknown,
        serverPosition: row.serverPosition,
        receivedAt: row.receivedAt,
      });
    }
    db.close();
  });
});
