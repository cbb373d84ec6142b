/**
 * What the sync worker must remember across restarts, kept in the desk's database: how far it
 * pulled (moved only inside the transaction that applied the page), which HQ log it synced
 * with, whether its first pull is done, whether a restored backup still owes its full pull, and
 * the streams HQ refused an event of.
 */
import type { QuarantinedStream } from '../../../shared/contract/desk-views.js';
import { FIRST_PULL_DONE } from '../hq-settings.js';
import { writeTransaction, type ReadableDb, type WritableDb } from '../../../src-node/sqlite/database.js';
import { META, readMeta, writeMeta } from '../store/store-meta.js';

const CHECKPOINT = 'hq_checkpoint';
const KNOWN_HEAD = 'hq_known_head';
const LOG_ID = 'hq_log_id';

export interface QuarantineEntry {
  readonly streamId: string;
  readonly eventId: string;
  readonly reason: string;
  readonly detail: string | null;
  readonly appVersion: string;
  readonly since: string;
}

export interface SyncJournal {
  /** HQ's position this desk has applied everything up to. */
  readonly checkpoint: () => number;
  /** Call inside the page's transaction. */
  readonly setCheckpoint: (position: number) => void;
  /**
   * The highest position HQ gave an event of this desk's log (by a push's receipt or a pull),
   * with that event: after a reconnection the desk checks HQ still holds it there.
   */
  readonly knownHead: () => { readonly position: number; readonly eventId: string } | null;
  /** Moves the known head up (never down); call in the transaction that learnt it. */
  readonly learnHead: (position: number, eventId: string) => void;
  readonly logId: () => string | null;
  readonly setLogId: (logId: string) => void;
  readonly firstPullDone: () => boolean;
  readonly markFirstPullDone: () => void;
  /** A store restored from a backup takes no command before its full pull (then the flag goes). */
  readonly needsFullPull: () => boolean;
  readonly clearNeedsFullPull: () => void;
  readonly quarantined: () => readonly QuarantineEntry[];
  readonly isQuarantined: (streamId: string) => boolean;
  readonly quarantine: (entry: QuarantineEntry) => void;
  readonly release: (streamId: string) => void;
  /** The quarantine as sync.status shows it (stream types from the log). */
  readonly quarantineView: (reader: ReadableDb) => readonly QuarantinedStream[];
}

export const openSyncJournal = (db: WritableDb): SyncJournal => {
  const insertQuarantine = db.prepare(
    `INSERT INTO sync_quarantine (stream_id, event_id, reason, detail, app_version, since)
     VALUES (@streamId, @eventId, @reason, @detail, @appVersion, @since)
     ON CONFLICT (stream_id) DO UPDATE SET event_id = excluded.event_id, reason = excluded.reason,
       detail = excluded.detail, app_version = excluded.app_version, since = excluded.since`,
  );
  const deleteQuarantine = db.prepare<[string]>('DELETE FROM sync_quarantine WHERE stream_id = ?');
  const listQuarantine = db.prepare<[], QuarantineEntry>(
    `SELECT stream_id AS streamId, event_id AS eventId, reason, detail, app_version AS appVersion, since
     FROM sync_quarantine ORDER BY since, stream_id`,
  );
  // The set of quarantined streams is read on every push; it is tiny and changes rarely.
  let cache: Set<string> | undefined;
  const quarantinedIds = (): Set<string> => (cache ??= new Set(listQuarantine.all().map((entry) => entry.streamId)));

  return {
    checkpoint: () => Number(readMeta(db, CHECKPOINT) ?? '0'),
    setCheckpoint: (position) => writeMeta(db, CHECKPOINT, String(position)),
    knownHead: () => {
      const stored = readMeta(db, KNOWN_HEAD);
      if (!stored) return null;
      const [position, eventId] = stored.split(' ');
      return position && eventId ? { position: Number(position), eventId } : null;
    },
    learnHead: (position, eventId) => {
      const stored = Number(readMeta(db, KNOWN_HEAD)?.split(' ')[0] ?? '0');
      if (position > stored) writeMeta(db, KNOWN_HEAD, `${position} ${eventId}`);
    },
    logId: () => readMeta(db, LOG_ID) ?? null,
    setLogId: (logId) => writeTransaction(db, () => writeMeta(db, LOG_ID, logId)),
    firstPullDone: () => readMeta(db, FIRST_PULL_DONE) === '1',
    markFirstPullDone: () => writeTransaction(db, () => writeMeta(db, FIRST_PULL_DONE, '1')),
    needsFullPull: () => readMeta(db, META.needsFullPull) === '1',
    clearNeedsFullPull: () => writeTransaction(db, () => writeMeta(db, META.needsFullPull, '0')),
    quarantined: () => listQuarantine.all(),
    isQuarantined: (streamId) => quarantinedIds().has(streamId),
    quarantine: (entry) => {
      writeTransaction(db, () => insertQuarantine.run(entry));
      cache = undefined;
    },
    release: (streamId) => {
      writeTransaction(db, () => deleteQuarantine.run(streamId));
      cache = undefined;
    },
    quarantineView: (reader) => {
      if (quarantinedIds().size === 0) return [];
      const typeOf = reader.prepare<[string], { stream_type: string }>('SELECT stream_type FROM events WHERE stream_id = ? LIMIT 1');
      return listQuarantine.all().map((entry) => ({
        streamId: entry.streamId,
        streamType: typeOf.get(entry.streamId)?.stream_type ?? null,
        reason: entry.reason,
        detail: entry.detail,
        since: entry.since,
      }));
    },
  };
};
