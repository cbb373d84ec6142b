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
import { EVENT_COLUMNS, PENDING_EVENT_COLUMNS, envelopeOf, eventParams, type EventRow, type PendingEvent } from './event-rows.js';
import type { Projection } from './projection.js';
import { openProjectionSet, type ProjectionSet } from './projection-set.js';
import { LIVE, projectionLogOf } from './projection-log.js';
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

/** What applying a pulled page changed. */
export interface PulledPageResult {
  /** Streams that got HQ's events or had their pending events marked published. */
  readonly streams: ReadonlySet<string>;
  /** Streams rebased: their pending events were set aside for HQ's; their commands re-run later. */
  readonly rebased: ReadonlySet<string>;
  /** Streams that got an event this build could not apply (kept; the stream now needs a newer app). */
  readonly unreadable: ReadonlySet<string>;
  readonly inserted: number;
  readonly published: number;
}

/**
 * HQ's history and this desk's disagree where they must not (an event this desk holds as
 * published differs from HQ's, or HQ skips a version): sync stops rather than diverge.
 */
export class SyncDivergence extends Error {
  override readonly name = 'SyncDivergence';
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SqliteEventStore extends EventStore {
  readonly projections: ProjectionSet;
  /** The log in local order, after a position. */
  readonly readAll: (afterPosition: number, limit: number) => readonly StoredEvent[];
  readonly readPending: (limit: number) => readonly StoredEvent[];
  readonly countPending: () => number;
  readonly lastPosition: () => number;
  /** Whether this desk has decided any command (its command log is not empty). */
  readonly decidedAny: () => boolean;
  /**
   * First half of a rebase: sets the stream's pending events aside (they leave the live log but
   * stay in the table), marks their commands set aside, drops snapshots above the last published
   * version and re-projects the stream. Returns the set-aside commands in their original order.
   */
  readonly setAsidePending: (streamId: string) => readonly Command[];
  /**
   * Applies one page pulled from HQ in one transaction (docs/architecture.md, "Pull"): events
   * already here are marked published; an event at a version this desk holds pending rebases
   * that stream (its pending events set aside, HQ's inserted, the stream re-projected); the rest
   * go in after their stream's head. `inside` runs last in the same transaction (the checkpoint).
   */
  readonly applyPulled: (events: readonly RemoteEvent[], inside: () => void) => PulledPageResult;
  readonly needsUpgrade: (streamId: string) => boolean;
  readonly transaction: <T>(fn: () => T) => T;
  readonly unsettledCommands: (streamId: string, status: 'set-aside' | 'waiting', conflictId?: string) => readonly Command[];
  readonly versionsOfCommand: (streamId: string, commandId: string) => { readonly fromVersion: number; readonly toVersion: number } | undefined;
  readonly settleCommand: (commandId: string, outcome: CommandOutcome) => void;
  readonly setAsideBase: (streamId: string, commandId: string) => number | undefined;
  readonly undeliveredRest: (streamId: string, commandId: string) => readonly EventEnvelope[];
  /** Streams with set-aside commands still to re-run, in the order they were set aside. */
  readonly streamsWithSetAside: () => readonly string[];
  /** Conflicts (with their stream) that commands of this desk wait for. */
  readonly waitingGroups: () => readonly { readonly streamId: string; readonly conflictId: string }[];
  /** The highest version of the stream HQ has acknowledged (0 when none). */
  readonly publishedVersion: (streamId: string) => number;
  /** The event id at one live version of a stream. */
  readonly eventIdAt: (streamId: string, version: number) => string | undefined;
  /** Pending events in local order after a position, at most `limit`. */
  readonly readPendingAfter: (afterPosition: number, limit: number) => readonly StoredEvent[];
  /** The same, as a push takes them: each envelope as UTF-8 JSON, its data and meta never parsed. */
  readonly readPendingToPush: (afterPosition: number, limit: number) => readonly PendingEvent[];
  /**
   * HQ's receipts for pushed events, in one transaction; only events still pending change (a
   * rebase may have set one aside meanwhile, or a pull already marked it). Returns how many did.
   * `inside` runs last in the same transaction. The commit does not wait for the disk (see
   * repeatableTransaction): a receipt lost in a power cut only sends its event again.
   */
  readonly acknowledge: (receipts: readonly PublishReceipt[], inside?: () => void) => number;
  /** True while the stream has set-aside commands to re-run: it takes no new command until then. */
  readonly hasSetAside: (streamId: string) => boolean;
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
  readonly status: CommandOutcome['status'];
  readonly from_version: number | null;
  readonly to_version: number | null;
  readonly conflict_id: string | null;
}

const outcomeOf = (row: CommandRow): CommandOutcome => {
  switch (row.status) {
    case 'done':
      return { status: 'done', streamId: row.stream_id, fromVersion: row.from_version ?? 0, toVersion: row.to_version ?? 0 };
    case 'conflict':
    case 'waiting':
      return { status: row.status, streamId: row.stream_id, conflictId: row.conflict_id ?? '' };
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


/**
 * HQ's receipt for one pushed event. It changes no column of the (stream_id, version) index
 * (migration 006): only the row and its entry in the pending index are written.
 */
export const ACKNOWLEDGE_SQL = `UPDATE events SET sync_state = 'published', server_position = @server_position,
  received_at = coalesce(@received_at, received_at) WHERE event_id = @event_id AND sync_state = 'pending'`;

export const createSqliteEventStore = (
  db: WritableDb,
  registry: StreamRegistry,
  projectionList: readonly Projection[],
  options: { readonly onRebuildProgress?: (name: string, done: number, total: number) => void } = {},
): SqliteEventStore => {
  const statements = {
    // A stream's head is its highest live version, straight from the (stream_id, version) index.
    head: db.prepare<[string], HeadRow>(
      `SELECT stream_type, version, event_id FROM events WHERE stream_id = ? AND ${LIVE} ORDER BY version DESC LIMIT 1`,
    ),
    publishedVersion: db.prepare<[string], { v: number | null }>(
      `SELECT max(version) AS v FROM events WHERE stream_id = ? AND ${LIVE} AND sync_state = 'published'`,
    ),
    streamTypes: db.prepare<[string], { type: string; schema_version: number; unreadable: number }>(
      `SELECT DISTINCT type, schema_version, unreadable FROM events WHERE stream_id = ? AND ${LIVE}`,
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
    // rows this connection inserted, updated or deleted so far (rolled back ones too)
    totalChanges: db.prepare<[], { n: number }>('SELECT total_changes() AS n'),
    // moves when another connection commits (a recovery tool on the desk's machine, a test's second writer)
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    lastPosition: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
    anyCommand: db.prepare<[], { one: number }>('SELECT 1 AS one FROM commands LIMIT 1'),
    insertEvent: db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, data, meta, tenant_id,
                           command_id, raised_at, sync_state, server_position, received_at, unreadable)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      // aside_position moves the event out of the live (stream_id, version) key (migration 006)
      `UPDATE events SET sync_state = 'set-aside', aside_position = position WHERE stream_id = ? AND version > ? AND ${LIVE}`,
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
    readPendingToPush: db.prepare<[number, number], PendingEvent>(
      `SELECT ${PENDING_EVENT_COLUMNS} FROM events WHERE sync_state = 'pending' AND position > ? ORDER BY position LIMIT ?`,
    ),
    readPendingAfter: db.prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE sync_state = 'pending' AND position > ? ORDER BY position LIMIT ?`,
    ),
    unsettled: db.prepare<[string, string], { command: string }>(
      "SELECT command FROM commands WHERE stream_id = ? AND status <> 'done' AND status = ? ORDER BY first_position, command_id",
    ),
    unsettledOfConflict: db.prepare<[string, string, string], { command: string }>(
      `SELECT command FROM commands WHERE stream_id = ? AND status <> 'done' AND status = ? AND conflict_id = ?
       ORDER BY first_position, command_id`,
    ),
    versionsOfCommand: db.prepare<[string, string], { from_version: number | null; to_version: number | null }>(
      `SELECT min(version) AS from_version, max(version) AS to_version FROM events
       WHERE stream_id = ? AND command_id = ? AND ${LIVE}`,
    ),
    settle: db.prepare(
      `UPDATE commands SET status = @status, from_version = @from_version, to_version = @to_version,
         conflict_id = @conflict_id WHERE command_id = @command_id`,
    ),
    streamsWithSetAside: db.prepare<[], { stream_id: string }>(
      "SELECT stream_id FROM commands WHERE status <> 'done' AND status = 'set-aside' GROUP BY stream_id ORDER BY min(first_position)",
    ),
    waitingGroups: db.prepare<[], { stream_id: string; conflict_id: string }>(
      "SELECT DISTINCT stream_id, conflict_id FROM commands WHERE status <> 'done' AND status = 'waiting'",
    ),
    eventIdAt: db.prepare<[string, number], { event_id: string }>(
      `SELECT event_id FROM events WHERE stream_id = ? AND version = ? AND ${LIVE}`,
    ),
    syncOfEvent: db.prepare<[string], { position: number; sync_state: string; server_position: number | null; received_at: string | null }>(
      'SELECT position, sync_state, server_position, received_at FROM events WHERE event_id = ?',
    ),
    // no indexed column: the row alone is written
    noteReceived: db.prepare<[string, number]>('UPDATE events SET received_at = ? WHERE position = ?'),
    acknowledge: db.prepare<{ event_id: string; server_position: number; received_at: string | null }>(ACKNOWLEDGE_SQL),
    lastLivePosition: db.prepare<[string, string], { position: number | null }>(
      `SELECT max(position) AS position FROM events WHERE stream_id = ? AND command_id = ? AND ${LIVE}`,
    ),
    setAsideAfter: db.prepare<[string, string, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND command_id = ? AND sync_state = 'set-aside' AND position > ?
       ORDER BY position`,
    ),
    setAsideRuns: db.prepare<[string, string], { version: number; position: number }>(
      `SELECT version, position FROM events WHERE stream_id = ? AND command_id = ? AND sync_state = 'set-aside'
       ORDER BY position DESC`,
    ),
    hasSetAside: db.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM commands WHERE stream_id = ? AND status <> 'done' AND status = 'set-aside' LIMIT 1",
    ),
  };

  /**
   * The pending count walks the pending index (~1 ms at 50,000 pending), and sync.status asks for
   * it every few tens of ms while a desk drains: it is counted again only once a row has changed,
   * here or through another connection. Never kept from inside a transaction: a rollback leaves
   * total_changes() where it was.
   */
  let pendingCount: { readonly changes: number; readonly dataVersion: number; readonly n: number } | undefined;
  const countPending = (): number => {
    if (db.inTransaction) return statements.countPending.get()?.n ?? 0;
    const changes = statements.totalChanges.get()?.n ?? -1;
    const dataVersion = statements.dataVersion.get() ?? -1;
    if (pendingCount?.changes !== changes || pendingCount.dataVersion !== dataVersion) {
      pendingCount = { changes, dataVersion, n: statements.countPending.get()?.n ?? 0 };
    }
    return pendingCount.n;
  };

  const projections = openProjectionSet(db, registry, projectionList, projectionLogOf(db), options.onRebuildProgress);

  const insertEvent = (
    envelope: EventEnvelope,
    sync: { sync_state: SyncState; server_position: number | null; received_at: string | null },
    unreadable = false,
  ): number => {
    const values = eventParams(envelope);
    values.push(sync.sync_state, sync.server_position, sync.received_at, unreadable ? 1 : 0);
    return Number(statements.insertEvent.run(values).lastInsertRowid);
  };

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

  /**
   * A transaction whose loss in a power cut costs only doing it again, never an event (HQ's
   * receipts: the events stay pending, go again and come back duplicate): committed with
   * synchronous NORMAL, so without an fsync of its own (8–15 ms here, for a 500-event push). In
   * WAL mode an app crash or SIGKILL loses nothing; a power cut loses it only with what came
   * after it, and the next FULL commit (any command) makes it durable too.
   */
  const repeatableTransaction = <T>(fn: () => T): T => {
    const level = db.pragma('synchronous', { simple: true }) as number;
    if (db.inTransaction || level <= 1) return transaction(fn);
    db.pragma('synchronous = NORMAL');
    try {
      return transaction(fn);
    } finally {
      db.pragma(`synchronous = ${level}`);
    }
  };

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

  const setAsidePending = (streamId: string): readonly Command[] =>
    transaction(() => {
      const published = statements.publishedVersion.get(streamId)?.v ?? 0;
      statements.markCommandsSetAside.run(streamId, published);
      statements.setAside.run(streamId, published);
      statements.dropSnapshotsAbove.run(streamId, published);
      projections.reprojectStream(streamId);
      return statements.setAsideCommands.all(streamId).map((row) => JSON.parse(row.command) as Command);
    });

  /**
   * Committed FULL, with an fsync of its own, though HQ holds the page and a lost one would only be
   * pulled again: committed without it (tried), the next command's commit had to sync the page's
   * megabytes of WAL, and commands typed during a catch-up took 6-10 ms at p50 instead of 2-3 ms.
   */
  const applyPulled = (events: readonly RemoteEvent[], inside: () => void): PulledPageResult =>
    transaction(() => {
      const streams = new Set<string>();
      // Each stream's head once the page inserted an event on it: the page's next event on that
      // stream follows it (a page holds a visit's day of events), so the index is read once a stream.
      const insertedHeads = new Map<string, HeadRow>();
      const rebased = new Set<string>();
      const unreadable = new Set<string>();
      let inserted = 0;
      let published = 0;
      // The page's new events are projected together (one flush: a visit touched by many of them
      // is written once), and before a rebase, which re-projects its stream from the log. One that
      // a read model cannot apply is kept as unreadable without taking the page down.
      let unprojected: { position: number; envelope: EventEnvelope }[] = [];
      const project = (): void => {
        const rows = unprojected;
        unprojected = [];
        if (rows.length === 0) return;
        for (const streamId of projections.applyKeepingUnreadable(rows)) unreadable.add(streamId);
      };
      for (const { envelope, serverPosition, receivedAt } of events) {
        const { streamId } = envelope;
        streams.add(streamId);
        const local = statements.syncOfEvent.get(envelope.eventId);
        if (local) {
          // This desk's own event, back from HQ: HQ holds it, so it is published (sequence 1).
          if (local.sync_state === 'set-aside') {
            throw new SyncDivergence(streamId, `HQ holds event ${envelope.eventId}, which this desk set aside in a rebase`);
          }
          if (local.sync_state === 'published' && local.server_position === serverPosition) {
            // Already marked on HQ's receipt (a desk draining its outage gets every one back): only HQ's receive time is new.
            if (local.received_at !== receivedAt) statements.noteReceived.run(receivedAt, local.position);
            continue;
          }
          if (local.sync_state === 'pending') published += 1;
          statements.publish.run({ event_id: envelope.eventId, server_position: serverPosition, received_at: receivedAt });
          continue;
        }
        const head = insertedHeads.get(streamId) ?? statements.head.get(streamId);
        if (head && head.stream_type !== envelope.streamType) {
          throw new SyncDivergence(streamId, `HQ's event ${envelope.eventId} makes ${streamId} a ${envelope.streamType}; here it is a ${head.stream_type}`);
        }
        let base = head?.version ?? 0;
        if (envelope.version <= base) {
          // HQ holds another event at a version this desk wrote: only pending events may give way.
          const publishedUpTo = statements.publishedVersion.get(streamId)?.v ?? 0;
          if (envelope.version <= publishedUpTo) {
            throw new SyncDivergence(streamId, `HQ's ${streamId} v${envelope.version} differs from the one this desk holds as published`);
          }
          project();
          setAsidePending(streamId);
          rebased.add(streamId);
          base = publishedUpTo;
        }
        if (envelope.version !== base + 1) {
          throw new SyncDivergence(streamId, `HQ's ${streamId} v${envelope.version} does not follow v${base} here`);
        }
        const position = insertEvent(envelope, { sync_state: 'published', server_position: serverPosition, received_at: receivedAt });
        // Now the stream's highest live version: it followed the head (or what a rebase left), and nothing above it is live.
        insertedHeads.set(streamId, { stream_type: envelope.streamType, version: envelope.version, event_id: envelope.eventId });
        unprojected.push({ position, envelope });
        inserted += 1;
      }
      project();
      inside();
      return { streams, rebased, unreadable, inserted, published };
    });

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
    countPending,
    lastPosition: () => statements.lastPosition.get()?.p ?? 0,
    decidedAny: () => statements.anyCommand.get() !== undefined,
    setAsidePending,
    applyPulled,
    unsettledCommands: (streamId, status, conflictId) =>
      (conflictId === undefined
        ? statements.unsettled.all(streamId, status)
        : statements.unsettledOfConflict.all(streamId, status, conflictId)
      ).map((row) => JSON.parse(row.command) as Command),
    versionsOfCommand: (streamId, commandId) => {
      const row = statements.versionsOfCommand.get(streamId, commandId);
      return row && row.from_version !== null && row.to_version !== null
        ? { fromVersion: row.from_version, toVersion: row.to_version }
        : undefined;
    },
    settleCommand: (commandId, outcome) => {
      const changed = statements.settle.run({
        command_id: commandId,
        status: outcome.status,
        from_version: outcome.status === 'done' ? outcome.fromVersion : null,
        to_version: outcome.status === 'done' ? outcome.toVersion : null,
        conflict_id: outcome.status === 'conflict' || outcome.status === 'waiting' ? outcome.conflictId : null,
      }).changes;
      if (changed !== 1) throw new Error(`Command ${commandId} is not in the log`);
    },
    setAsideBase: (streamId, commandId) => {
      // The latest attempt's events were stored together (consecutive positions): its first one's
      // version is where it was decided, one above the version it was decided on.
      const rows = statements.setAsideRuns.all(streamId, commandId);
      let first = rows[0];
      for (const row of rows.slice(1)) {
        if (!first || row.position !== first.position - 1) break;
        first = row;
      }
      return first === undefined ? undefined : first.version - 1;
    },
    undeliveredRest: (streamId, commandId) => {
      const last = statements.lastLivePosition.get(streamId, commandId)?.position;
      if (last === null || last === undefined) return [];
      const rest: EventEnvelope[] = [];
      for (const row of statements.setAsideAfter.all(streamId, commandId, last)) {
        if (row.position !== last + rest.length + 1) break;
        rest.push(envelopeOf(row));
      }
      return rest;
    },
    streamsWithSetAside: () => statements.streamsWithSetAside.all().map((row) => row.stream_id),
    waitingGroups: () => statements.waitingGroups.all().map((row) => ({ streamId: row.stream_id, conflictId: row.conflict_id })),
    publishedVersion: (streamId) => statements.publishedVersion.get(streamId)?.v ?? 0,
    eventIdAt: (streamId, version) => statements.eventIdAt.get(streamId, version)?.event_id,
    readPendingAfter: (after, limit) => statements.readPendingAfter.all(after, limit).map(storedEventOf),
    readPendingToPush: (after, limit) => statements.readPendingToPush.all(after, limit),
    acknowledge: (receipts, inside) =>
      repeatableTransaction(() => {
        let changed = 0;
        for (const receipt of receipts) {
          changed += statements.acknowledge.run({
            event_id: receipt.eventId,
            server_position: receipt.serverPosition,
            received_at: receipt.receivedAt ?? null,
          }).changes;
        }
        inside?.();
        return changed;
      }),
    hasSetAside: (streamId) => statements.hasSetAside.get(streamId) !== undefined,
    needsUpgrade: (streamId) =>
      statements.streamTypes.all(streamId).some((row) => row.unreadable === 1 || !registry.understands(row.type, row.schema_version)),
  };
};
