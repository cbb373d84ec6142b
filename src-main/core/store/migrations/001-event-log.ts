import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * The event log and the command log. A stream's head (type, version, last event) is read from
 * the (stream_id, version) index rather than kept in a table of its own: one less page written
 * per command, and nothing that can disagree with the log.
 */
export const migration001: Migration = {
  version: 1,
  name: 'event-log',
  up: (db) => {
    db.exec(`
      -- key/value facts about this store: installation_id, created_at
      CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- the global local position; rows are never deleted, so a position is never reused
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        event_id       TEXT NOT NULL UNIQUE,
        stream_id      TEXT NOT NULL,
        stream_type    TEXT NOT NULL,
        version        INTEGER NOT NULL CHECK (version >= 1),
        type           TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data           TEXT NOT NULL,  -- JSON, in the schemaVersion it was raised in
        meta           TEXT NOT NULL,  -- JSON EventMeta
        tenant_id      TEXT,
        command_id     TEXT NOT NULL,
        raised_at      TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version);

      -- one row per commandId: dedupe, the command itself (rebase re-runs it), and its outcome
      CREATE TABLE commands (
        command_id     TEXT PRIMARY KEY,
        type           TEXT NOT NULL,
        stream_id      TEXT NOT NULL,
        command        TEXT NOT NULL,  -- the whole command as JSON
        status         TEXT NOT NULL CHECK (status IN ('done', 'conflict', 'set-aside')),
        from_version   INTEGER,
        to_version     INTEGER,
        first_position INTEGER,        -- position of its first event: the local order rebase replays
        conflict_id    TEXT
      ) STRICT, WITHOUT ROWID;
      -- only commands not 'done' are indexed, so the hot path pays nothing for it
      CREATE INDEX commands_unsettled ON commands (stream_id, first_position) WHERE status <> 'done';
    `);
  },
};
