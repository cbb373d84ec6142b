/**
 * The log as read-model builds read it (ProjectionLog), on any connection to a desk's database:
 * the event store's own writer, or the connection of a deferred build's thread.
 */
import type { WritableDb } from '../../../src-node/sqlite/database.js';
import { EVENT_COLUMNS, envelopeOf, type EventRow } from './event-rows.js';
import type { ProjectionLog } from './projection-set.js';

/**
 * Statements that touch only the live log skip set-aside rows (still in the (stream_id, version)
 * index since migration 006, under their own aside_position; few, so a seek steps over them).
 */
export const LIVE = "sync_state <> 'set-aside'";

export const projectionLogOf = (db: WritableDb): ProjectionLog => {
  const statements = {
    readPage: db.prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND ${LIVE} ORDER BY position LIMIT ?`),
    readStream: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND ${LIVE} ORDER BY version`),
    countLive: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM events WHERE ${LIVE}`),
    // A rebuild of read models that read only some stream types (and maybe the kernel's conflict
    // events): SQLite skips the other rows, so they are never parsed.
    readPageOf: db.prepare<{ after: number; limit: number; types: string; conflicts: number }, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > @after AND ${LIVE}
         AND (stream_type IN (SELECT value FROM json_each(@types)) OR (@conflicts AND type IN ('CommandConflicted', 'ConflictResolved')))
       ORDER BY position LIMIT @limit`,
    ),
    countLiveOf: db.prepare<{ types: string; conflicts: number }, { n: number }>(
      `SELECT count(*) AS n FROM events WHERE ${LIVE}
         AND (stream_type IN (SELECT value FROM json_each(@types)) OR (@conflicts AND type IN ('CommandConflicted', 'ConflictResolved')))`,
    ),
    markUnreadable: db.prepare<[number]>('UPDATE events SET unreadable = 1 WHERE position = ?'),
  };
  const positioned = (row: EventRow) => ({ position: row.position, envelope: envelopeOf(row), unreadable: row.unreadable === 1 });
  const filterParams = (only: { readonly streamTypes: readonly string[]; readonly conflictEvents: boolean }) => ({
    types: JSON.stringify(only.streamTypes),
    conflicts: only.conflictEvents ? 1 : 0,
  });
  return {
    readPage: (after, limit, only) => (only ? statements.readPageOf.all({ after, limit, ...filterParams(only) }) : statements.readPage.all(after, limit)).map(positioned),
    readStreamRows: (streamId) => statements.readStream.all(streamId).map(positioned),
    countLive: (only) => (only ? statements.countLiveOf.get(filterParams(only)) : statements.countLive.get())?.n ?? 0,
    markUnreadable: (position) => void statements.markUnreadable.run(position),
  };
};
