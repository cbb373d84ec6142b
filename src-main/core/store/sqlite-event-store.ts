/**
 * The desk's event store on better-sqlite3: the EventStore port of the Headspring plus what sync
 * needs (pending events, receipts from HQ, remote events, setting a stream's pending events aside
 * for a rebase). Every write is one IMMEDIATE transaction that also runs the inline projections,
 * so the log and the read models never disagree, even across a crash.
 */
import {
  CommandAlreadyRecorded,
  VersionClash,
  type AppendRequest,
  type Command,
  type CommandOutcome,
  type CommandRecord,
  type EventEnvelope,
  type EventStore,
  type StoredSnapshot,
  type StreamHead,
  type StreamRegistry,
} from '../../../shared/eventsourcing/index.js';
import { EVENT_COLUMNS, envelopeOf, eventParams, type EventRow } from './event-rows.js';
import type { Projection } from './projection.js';
import { openProjectionSet, type ProjectionSet } from './projection-set.js';
import { writeTransaction, type WritableDb } from '../../../src-node/sqlite/database.js';

/** Set-aside events are not part of the live log; only pending and published ones are read. */
export type SyncState = 'pending' | 'published';

/** An event with where it sits locally and whether HQ has it. */
export interface StoredEvent {
  readonly position: number;
  readonly envelope: EventEnvelope;
  readonly syncState: SyncState;
  readonly serverPosition: number | null;
}

/** HQ's receipt for an event this desk pushed (accepted or duplicate). */
export interface PublishReceipt {
  readonly eventId: string;
  readonly serverPosition: number;
  readonly receivedAt?: string;
}

/** An event pulled from HQ. */
export interface RemoteEvent {
  readonly envelope: EventEnvelope;
  readonly serverPosition: number;
  readonly receivedAt: string;
}

export interface SqliteEventStore extends EventStore {
  readonly projections: ProjectionSet;
  /** The log in local order, after a position. */
  readonly readAll: (afterPosition: number, limit: number) => readonly StoredEvent[];
  readonly readPending: (limit: number) => readonly StoredEvent[];
  readonly countPending: () => number;
  readonly lastPosition: () => number;
  readonly markPublished: (receipts: readonly PublishReceipt[]) => void;
  /**
   * Stores events pulled from HQ, in one transaction. An event already here (pushed by this desk)
   * is only marked published. Throws VersionClash when a remote event does not follow the local
   * head: the stream has to be rebased first.
   */
  readonly insertRemote: (events: readonly RemoteEvent[]) => void;
  /**
   * First half of a rebase: sets the stream's pending events aside (they leave the live log but
   * stay in the table), marks their commands set aside, drops snapshots above the last published
   * version and re-projects the stream. Returns the set-aside commands in their original order.
   */
  readonly setAsidePending: (streamId: string) => readonly Command[];
  readonly needsUpgrade: (streamId: string) => boolean;
  readonly transaction: <T>(fn: () => T) => T;
}

interface HeadRow {
  readonly stream_type: string;
  readonly version: number;
  readonly event_id: string;
}

interface CommandRow {
  readonly command_id: string;
  readonly stream_id: string;
  readonly command: string;
  readonly status: 'done' | 'conflict' | 'set-aside';
  readonly from_version: number | null;
  readonly to_version: number | null;
  readonly conflict_id: string | null;
}

const outcomeOf = (row: CommandRow): CommandOutcome => {
  switch (row.status) {
    case 'done':
      return { status: 'done', streamId: row.stream_id, fromVersion: row.from_version ?? 0, toVersion: row.to_version ?? 0 };
    case 'conflict':
      return { status: 'conflict', streamId: row.stream_id, conflictId: row.conflict_id ?? '' };
    case 'set-aside':
      return { status: 'set-aside', streamId: row.stream_id };
  }
};

const storedEventOf = (row: EventRow): StoredEvent => ({
  position: row.position,
  envelope: envelopeOf(row),
  syncState: row.sync_state,
  serverPosition: row.server_position,
});

const isPrimaryKeyClash = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

/** Statements that touch only the live log skip set-aside rows, which is also what lets them use
 * the partial index on (stream_id, version). */
const LIVE = "sync_state <> 'set-aside'";

export const createSqliteEventStore = (
  db: WritableDb,
  registry: StreamRegistry,
  projectionList: readonly Projection[],
): SqliteEventStore => {
  const statements = {
    // A stream's head is its highest live version, straight from the (stream_id, version) index.
    head: db.prepare<[string], HeadRow>(
      `SELECT stream_type, version, event_id FROM events WHERE stream_id = ? AND ${LIVE} ORDER BY version DESC LIMIT 1`,
    ),
    publishedVersion: db.prepare<[string], { v: number | null }>(
      `SELECT max(version) AS v FROM events WHERE stream_id = ? AND ${LIVE} AND sync_state = 'published'`,
    ),
    streamTypes: db.prepare<[string], { type: string; schema_version: number }>(
      `SELECT DISTINCT type, schema_version FROM events WHERE stream_id = ? AND ${LIVE}`,
    ),
    readStream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version > ? AND version <= ? AND ${LIVE} ORDER BY version`,
    ),
    readPage: db.prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND ${LIVE} ORDER BY position LIMIT ?`,
    ),
    readPending: db.prepare<[number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE sync_state = 'pending' ORDER BY position LIMIT ?`,
    ),
    countPending: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE sync_state = 'pending'"),
    lastPosition: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
    eventById: db.prepare<[string], { sync_state: SyncState | 'set-aside' }>(
      'SELECT sync_state FROM events WHERE event_id = ?',
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, data, meta, tenant_id,
                           command_id, raised_at, sync_state, server_position, received_at)
       VALUES (@event_id, @stream_id, @stream_type, @version, @type, @schema_version, @data, @meta, @tenant_id,
               @command_id, @raised_at, @sync_state, @server_position, @received_at)`,
    ),
    publish: db.prepare<{ event_id: string; server_position: number; received_at: string | null }>(
      `UPDATE events SET sync_state = 'published', server_position = @server_position,
         received_at = coalesce(@received_at, received_at) WHERE event_id = @event_id`,
    ),
    findCommand: db.prepare<[string], CommandRow>(
      `SELECT command_id, stream_id, command, status, from_version, to_version, conflict_id
       FROM commands WHERE command_id = ?`,
    ),
    insertCommand: db.prepare(
      `INSERT INTO commands (command_id, type, stream_id, command, status, from_version, to_version, first_position, conflict_id)
       VALUES (@command_id, @type, @stream_id, @command, @status, @from_version, @to_version, @first_position, @conflict_id)`,
    ),
    replaceCommand: db.prepare(
      `UPDATE commands SET command = @command, status = @status, from_version = @from_version,
         to_version = @to_version, first_position = @first_position, conflict_id = @conflict_id WHERE command_id = @command_id`,
    ),
    latestSnapshot: db.prepare<[string, number], { version: number; schema_version: number; state: string }>(
      `SELECT version, schema_version, state FROM snapshots WHERE stream_id = ? AND version <= ?
       ORDER BY version DESC LIMIT 1`,
    ),
    insertSnapshot: db.prepare<[string, number, number, string]>(
      'INSERT OR REPLACE INTO snapshots (stream_id, version, schema_version, state) VALUES (?, ?, ?, ?)',
    ),
    setAside: db.prepare<[string, number]>(
      `UPDATE events SET sync_state = 'set-aside' WHERE stream_id = ? AND version > ? AND ${LIVE}`,
    ),
    markCommandsSetAside: db.prepare<[string, number]>(
      `UPDATE commands SET status = 'set-aside', from_version = NULL, to_version = NULL
       WHERE status = 'done' AND command_id IN (
         SELECT command_id FROM events WHERE stream_id = ? AND version > ? AND ${LIVE})`,
    ),
    // "status <> 'done'" repeats the partial index's condition so SQLite can use the index.
    setAsideCommands: db.prepare<[string], { command: string }>(
      "SELECT command FROM commands WHERE stream_id = ? AND status <> 'done' AND status = 'set-aside' ORDER BY first_position",
    ),
    dropSnapshotsAbove: db.prepare<[string, number]>('DELETE FROM snapshots WHERE stream_id = ? AND version > ?'),
  };

  const positioned = (row: EventRow) => ({ position: row.position, envelope: envelopeOf(row) });

  const projections = openProjectionSet(db, registry, projectionList, {
    readPage: (after, limit) => statements.readPage.all(after, limit).map(positioned),
    readStreamRows: (streamId) => statements.readStream.all(streamId, 0, Number.MAX_SAFE_INTEGER).map(positioned),
  });

  const insertEvent = (
    envelope: EventEnvelope,
    sync: { sync_state: SyncState; server_position: number | null; received_at: string | null },
  ): number => Number(statements.insertEvent.run({ ...eventParams(envelope), ...sync }).lastInsertRowid);

  const commandRow = (record: CommandRecord, firstPosition: number | null) => {
    const { outcome } = record;
    return {
      command_id: record.commandId,
      type: record.command.type,
      stream_id: record.command.streamId,
      command: JSON.stringify(record.command),
      status: outcome.status,
      from_version: outcome.status === 'done' ? outcome.fromVersion : null,
      to_version: outcome.status === 'done' ? outcome.toVersion : null,
      first_position: firstPosition,
      conflict_id: outcome.status === 'conflict' ? outcome.conflictId : null,
    };
  };

  const transaction = <T>(fn: () => T): T => writeTransaction(db, fn);

  /** Inside the write transaction: the stream must still be where the decision saw it. */
  const checkHead = (streamId: string, streamType: string, expected: number): void => {
    const head = statements.head.get(streamId);
    if (head && head.stream_type !== streamType) {
      throw new Error(`Stream ${streamId} is a ${head.stream_type}, not a ${streamType}`);
    }
    const actual = head?.version ?? 0;
    if (actual !== expected) throw new VersionClash(streamId, expected, actual);
  };

  const append = (request: AppendRequest): void =>
    transaction(() => {
      checkHead(request.streamId, request.streamType, request.expectedVersion);
      const stored = request.events.map((envelope) => ({
        position: insertEvent(envelope, { sync_state: 'pending', server_position: null, received_at: null }),
        envelope,
      }));
      const row = commandRow(request.record, stored[0]?.position ?? null);
      if (request.recordMode === 'insert') {
        try {
          statements.insertCommand.run(row);
        } catch (error) {
          if (isPrimaryKeyClash(error)) throw new CommandAlreadyRecorded(request.record.commandId);
          throw error;
        }
      } else if (statements.replaceCommand.run(row).changes !== 1) {
        throw new Error(`Command ${request.record.commandId} is not in the log to be replaced`);
      }
      if (request.snapshot) {
        const { streamId, version, schemaVersion, state } = request.snapshot;
        statements.insertSnapshot.run(streamId, version, schemaVersion, JSON.stringify(state));
      }
      projections.apply(stored);
    });

  /** Marks a local event published; false when the event is not here. */
  const markPublishedNow = (receipt: PublishReceipt): boolean => {
    const found = statements.eventById.get(receipt.eventId);
    if (!found) return false;
    if (found.sync_state === 'set-aside') throw new Error(`Event ${receipt.eventId} was set aside and cannot be published`);
    statements.publish.run({
      event_id: receipt.eventId,
      server_position: receipt.serverPosition,
      received_at: receipt.receivedAt ?? null,
    });
    return true;
  };

  return {
    projections,
    transaction,
    streamHead: (streamId): StreamHead | undefined => {
      const row = statements.head.get(streamId);
      return row ? { streamId, streamType: row.stream_type, version: row.version, lastEventId: row.event_id } : undefined;
    },
    readStream: (streamId, range) =>
      statements.readStream
        .all(streamId, range?.afterVersion ?? 0, range?.toVersion ?? Number.MAX_SAFE_INTEGER)
        .map(envelopeOf),
    latestSnapshot: (streamId, maxVersion): StoredSnapshot | undefined => {
      const row = statements.latestSnapshot.get(streamId, maxVersion ?? Number.MAX_SAFE_INTEGER);
      return row
        ? { streamId, version: row.version, schemaVersion: row.schema_version, state: JSON.parse(row.state) as unknown }
        : undefined;
    },
    findCommand: (commandId): CommandRecord | undefined => {
      const row = statements.findCommand.get(commandId);
      return row ? { commandId, command: JSON.parse(row.command) as Command, outcome: outcomeOf(row) } : undefined;
    },
    append,
    readAll: (after, limit) => statements.readPage.all(after, limit).map(storedEventOf),
    readPending: (limit) => statements.readPending.all(limit).map(storedEventOf),
    countPending: () => statements.countPending.get()?.n ?? 0,
    lastPosition: () => statements.lastPosition.get()?.p ?? 0,
    markPublished: (receipts) =>
      transaction(() => {
        for (const receipt of receipts) {
          if (!markPublishedNow(receipt)) throw new Error(`No local event ${receipt.eventId} to mark published`);
        }
      }),
    insertRemote: (events) =>
      transaction(() => {
        const stored: { position: number; envelope: EventEnvelope }[] = [];
        for (const { envelope, serverPosition, receivedAt } of events) {
          if (markPublishedNow({ eventId: envelope.eventId, serverPosition, receivedAt })) continue;
          checkHead(envelope.streamId, envelope.streamType, envelope.version - 1);
          const position = insertEvent(envelope, { sync_state: 'published', server_position: serverPosition, received_at: receivedAt });
          stored.push({ position, envelope });
        }
        projections.apply(stored);
      }),
    setAsidePending: (streamId) =>
      transaction(() => {
        const published = statements.publishedVersion.get(streamId)?.v ?? 0;
        statements.markCommandsSetAside.run(streamId, published);
        statements.setAside.run(streamId, published);
        statements.dropSnapshotsAbove.run(streamId, published);
        projections.reprojectStream(streamId);
        return statements.setAsideCommands.all(streamId).map((row) => JSON.parse(row.command) as Command);
      }),
    needsUpgrade: (streamId) =>
      statements.streamTypes.all(streamId).some((row) => !registry.understands(row.type, row.schema_version)),
  };
};
