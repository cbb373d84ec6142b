/**
 * Migration 006 on a real desk file written at schema 005 with published, set-aside and pending
 * events: the live log, the pending queue and rebases work as before, and HQ's receipt no longer
 * writes the (stream_id, version) index (read from the receipt statement's own bytecode).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/eventsourcing/index.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { MIGRATIONS } from '../../src-main/core/store/migrations/index.js';
import { ACKNOWLEDGE_SQL } from '../../src-main/core/store/sqlite-event-store.js';
import { openWritable } from '../../src-node/sqlite/database.js';
import { migrate } from '../../src-node/sqlite/migrate.js';
import { tabCmd } from '../support/tab-commands.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';

const id = (n: number, kind = 'e'): string => `0190a000-0000-7000-8000-${kind}${String(n).padStart(11, '0')}`;

const envelope = (n: number, streamId: string, version: number, commandN: number): EventEnvelope => ({
  eventId: id(n),
  streamType: 'tab',
  streamId,
  version,
  ...(version === 1
    ? { type: 'TabOpened', schemaVersion: 1, data: { name: `Tab ${streamId}`, openedAt: '2026-01-02T03:04:05.000Z' } }
    : { type: 'ChargeAdded', schemaVersion: 2, data: { amount: 10 * n } }),
  meta: {
    commandId: id(commandN, 'c'),
    processId: id(commandN, 'c'),
    initiator: 'staff-1',
    predecessorId: id(commandN, 'c'),
    deviceId: id(1, 'd'),
    raisedAt: '2026-01-02T03:04:05.000Z',
    appVersion: '0.0.1',
  },
});

type State = 'pending' | 'published' | 'set-aside';

/** The rows a desk at 005 holds: tab-1 was rebased (its v2 set aside for HQ's, its command re-run as v3), tab-2 is pending. */
const ROWS: readonly { readonly event: EventEnvelope; readonly state: State; readonly serverPosition: number | null }[] = [
  { event: envelope(1, 'tab-1', 1, 1), state: 'published', serverPosition: 1 },
  { event: envelope(2, 'tab-1', 2, 2), state: 'set-aside', serverPosition: null },
  { event: { ...envelope(3, 'tab-1', 2, 3), meta: { ...envelope(3, 'tab-1', 2, 3).meta, deviceId: id(2, 'd') } }, state: 'published', serverPosition: 2 },
  { event: envelope(4, 'tab-1', 3, 2), state: 'pending', serverPosition: null },
  { event: envelope(5, 'tab-2', 1, 5), state: 'pending', serverPosition: null },
  { event: envelope(6, 'tab-2', 2, 6), state: 'pending', serverPosition: null },
];

const writeDeskAt005 = (dataDir: string): void => {
  const db = openWritable(path.join(dataDir, DATABASE_FILE));
  try {
    migrate(db, MIGRATIONS.slice(0, 5), 'clinic-desk');
    const insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, data, meta, command_id, raised_at, sync_state, server_position, received_at)
       VALUES (?, ?, 'tab', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const { event, state, serverPosition } of ROWS) {
      insert.run(event.eventId, event.streamId, event.version, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.meta),
        event.meta.commandId, event.meta.raisedAt, state, serverPosition, serverPosition === null ? null : '2026-01-02T03:04:06.000Z');
    }
    const command = db.prepare(
      `INSERT INTO commands (command_id, type, stream_id, command, status, from_version, to_version, first_position) VALUES (?, ?, ?, ?, 'done', ?, ?, ?)`,
    );
    for (const [position, n] of [[4, 2], [5, 5], [6, 6]] as const) {
      const { event } = ROWS[position - 1] as (typeof ROWS)[number];
      const input = tabCmd(event.version === 1 ? 'OpenTab' : 'AddCharge', event.version === 1 ? { name: 'x' } : { amount: 1 }, event.streamId);
      command.run(id(n, 'c'), input.type, event.streamId, JSON.stringify({ ...input, commandId: id(n, 'c') }), event.version - 1, event.version, position);
    }
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('installation_id', ?)").run(id(1, 'd'));
  } finally {
    db.close();
  }
};

/** Whether the receipt statement opens the (stream_id, version) index for writing, on this file's schema. */
const receiptWritesVersionIndex = (file: string): boolean => {
  const db = new Database(file, { readonly: true });
  try {
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events_stream_version'").pluck().get() as number;
    const program = db.prepare(`EXPLAIN ${ACKNOWLEDGE_SQL}`).all({ event_id: 'x', server_position: 1, received_at: null }) as { opcode: string; p2: number }[];
    expect(program.some((op) => op.opcode === 'OpenWrite')).toBe(true);
    return program.some((op) => op.opcode === 'OpenWrite' && op.p2 === root);
  } finally {
    db.close();
  }
};

describe('migration 006 (receipt-index) on a desk file at 005', () => {
  it('keeps the live log, the pending queue and the set-aside record, and receipts stop writing the version index', () => {
    const dataDir = tempDir('receipt-index');
    const file = path.join(dataDir, DATABASE_FILE);
    writeDeskAt005(dataDir);
    // at 005 the receipt's UPDATE names sync_state, which the partial index's WHERE names: SQLite rewrites the entry
    expect(receiptWritesVersionIndex(file)).toBe(true);
    const desk = openTabDesk(dataDir);
    try {
      const { store, headspring } = desk;
      expect(store.reader.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(store.reader.prepare('SELECT position, sync_state, aside_position FROM events ORDER BY position').raw().all()).toEqual([
        [1, 'published', 0],
        [2, 'set-aside', 2],
        [3, 'published', 0],
        [4, 'pending', 0],
        [5, 'pending', 0],
        [6, 'pending', 0],
      ]);
      expect(store.events.readStream('tab-1')).toEqual([ROWS[0]?.event, ROWS[2]?.event, ROWS[3]?.event]);
      expect(store.events.streamHead('tab-1')).toMatchObject({ version: 3, lastEventId: id(4) });
      expect(store.events.eventIdAt('tab-1', 2)).toBe(id(3));
      expect(store.events.publishedVersion('tab-1')).toBe(2);
      expect(store.events.countPending()).toBe(3);
      expect(store.events.readPendingAfter(0, 10).map((event) => event.position)).toEqual([4, 5, 6]);
      expect(store.events.undeliveredRest('tab-1', id(2, 'c'))).toEqual([]);

      expect(receiptWritesVersionIndex(file)).toBe(false);
      expect(store.events.acknowledge([{ eventId: id(4), serverPosition: 3 }])).toBe(1);
      expect(store.events.publishedVersion('tab-1')).toBe(3);
      expect(store.events.countPending()).toBe(2);
      // the write path on the new index: the next version, and a clash at a version already taken
      expect(headspring.execute(tabCmd('AddCharge', { amount: 5 }, 'tab-1')).version).toBe(4);
      expect(() =>
        store.writer.prepare("INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, data, meta, command_id, raised_at) VALUES ('dup', 'tab-1', 'tab', 4, 'ChargeAdded', 2, '{}', '{}', 'c', 'r')").run(),
      ).toThrow(/UNIQUE constraint failed: events.stream_id, events.version, events.aside_position/);

      // a rebase of tab-2 after the upgrade: both events set aside, HQ's v1 in, then set aside again at the same version
      store.events.setAsidePending('tab-2');
      const hqOpened = { ...envelope(7, 'tab-2', 1, 7), meta: { ...envelope(7, 'tab-2', 1, 7).meta, deviceId: id(2, 'd') } };
      store.events.applyPulled([{ envelope: hqOpened, serverPosition: 4, receivedAt: '2026-01-02T03:05:00.000Z' }], () => undefined);
      expect(store.events.readStream('tab-2')).toEqual([hqOpened]);
      const charge = headspring.execute(tabCmd('AddCharge', { amount: 7 }, 'tab-2'));
      expect(charge.version).toBe(2);
      store.events.setAsidePending('tab-2');
      expect(store.reader.prepare("SELECT position, version FROM events WHERE stream_id = 'tab-2' AND sync_state = 'set-aside' ORDER BY position").raw().all()).toEqual([
        [5, 1],
        [6, 2],
        [9, 2],
      ]);
      expect(store.reader.prepare("SELECT count(*) FROM events WHERE sync_state = 'set-aside' AND aside_position <> position").pluck().get()).toBe(0);
      expect(store.events.readStream('tab-2')).toEqual([hqOpened]);
      // a set-aside event cannot become live again with its aside_position (the CHECK)
      expect(() => store.writer.prepare("UPDATE events SET sync_state = 'published' WHERE position = 2").run()).toThrow(/CHECK constraint failed/);
    } finally {
      desk.store.close();
    }
  });
});
