/**
 * read_conflicts: one row per conflict, from the CommandConflicted and ConflictResolved events of
 * its own stream, so every desk lists the same conflicts and a stream's rows can be reset and
 * re-projected like any other (docs/architecture.md, "Conflicts").
 */
import type { ConflictRaised, ConflictResolution } from '../../../shared/eventsourcing/index.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';

export const conflictsProjection: Projection = {
  name: 'conflicts',
  version: 1,
  deferrable: true,
  streamTypes: [],
  tables: ['read_conflicts'],
  seesConflictEvents: true,
  schema: `
    CREATE TABLE read_conflicts (
      conflict_id  TEXT PRIMARY KEY,
      stream_id    TEXT NOT NULL,
      stream_type  TEXT NOT NULL,
      version      INTEGER NOT NULL,  -- of the CommandConflicted event
      command      TEXT NOT NULL,     -- the original command, JSON
      code         TEXT NOT NULL,
      message      TEXT NOT NULL,
      waiting      TEXT NOT NULL,     -- JSON array of commandIds
      decided_on   INTEGER NOT NULL,  -- the version the command was first decided on
      raised_at    TEXT NOT NULL,
      device_id    TEXT NOT NULL,
      status       TEXT NOT NULL CHECK (status IN ('open', 'retried', 'dismissed')),
      resolved_by  TEXT,
      resolved_at  TEXT,
      reason       TEXT
    ) STRICT;
    CREATE INDEX read_conflicts_open ON read_conflicts (raised_at) WHERE status = 'open';
    CREATE INDEX read_conflicts_by_stream ON read_conflicts (stream_id);
  `,
  bind: (db) => {
    const raise = db.prepare(
      `INSERT INTO read_conflicts (conflict_id, stream_id, stream_type, version, command, code, message, waiting, decided_on,
         raised_at, device_id, status)
       VALUES (@conflict_id, @stream_id, @stream_type, @version, @command, @code, @message, @waiting, @decided_on,
         @raised_at, @device_id, 'open')
       ON CONFLICT (conflict_id) DO NOTHING`,
    );
    const resolve = db.prepare(
      `UPDATE read_conflicts SET status = @status, resolved_by = @resolved_by, resolved_at = @resolved_at, reason = @reason
       WHERE conflict_id = @conflict_id AND status = 'open'`,
    );
    const remove = db.prepare<[string]>('DELETE FROM read_conflicts WHERE stream_id = ?');
    return {
      apply: (read) => {
        if (!read.known) return;
        const { envelope } = read;
        if (read.event.type === 'CommandConflicted') {
          const data = read.event.data as ConflictRaised;
          raise.run({
            conflict_id: data.conflictId,
            stream_id: envelope.streamId,
            stream_type: envelope.streamType,
            version: envelope.version,
            command: JSON.stringify(data.command),
            code: data.error.code,
            message: data.error.message,
            waiting: JSON.stringify(data.waiting),
            decided_on: data.decidedOn,
            raised_at: normalInstant(envelope.meta.raisedAt),
            device_id: envelope.meta.deviceId,
          });
        } else if (read.event.type === 'ConflictResolved') {
          const data = read.event.data as ConflictResolution;
          resolve.run({
            conflict_id: data.conflictId,
            status: data.action === 'retry' ? 'retried' : 'dismissed',
            resolved_by: envelope.meta.initiator,
            resolved_at: normalInstant(envelope.meta.raisedAt),
            reason: data.action === 'dismiss' ? data.reason : null,
          });
        }
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
