import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * What the sync worker keeps beyond the per-event sync state: a command may now wait behind a
 * conflict ('waiting'), and a stream whose event HQ rejected is quarantined with HQ's reason.
 * SQLite cannot change a CHECK in place, so the command log is copied into a new table.
 */
export const migration005: Migration = {
  version: 5,
  name: 'sync-worker',
  up: (db) => {
    db.exec(`
      CREATE TABLE commands_new (
        command_id     TEXT PRIMARY KEY,
        type           TEXT NOT NULL,
        stream_id      TEXT NOT NULL,
        command        TEXT NOT NULL,  -- the whole command as JSON
        -- done; conflict (an intent that no longer held after a rebase); waiting (a later intent of
        -- the same stream, behind that conflict); set-aside (to be re-run once the pull is at HQ's head)
        status         TEXT NOT NULL CHECK (status IN ('done', 'conflict', 'waiting', 'set-aside')),
        from_version   INTEGER,
        to_version     INTEGER,
        first_position INTEGER,        -- position of its first event: the local order rebase replays
        conflict_id    TEXT            -- the conflict it raised (conflict) or waits for (waiting)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO commands_new SELECT command_id, type, stream_id, command, status, from_version, to_version,
        first_position, conflict_id FROM commands;
      DROP TABLE commands;
      ALTER TABLE commands_new RENAME TO commands;
      CREATE INDEX commands_unsettled ON commands (stream_id, first_position) WHERE status <> 'done';

      -- 1 for an event pulled from HQ that this build's read models could not apply (data of
      -- another shape than its type says): kept, shown as unreadable, its stream refuses commands
      ALTER TABLE events ADD COLUMN unreadable INTEGER NOT NULL DEFAULT 0 CHECK (unreadable IN (0, 1));

      -- set-aside events are few and outside the live (stream_id, version) index: a rebase that
      -- raises a conflict looks up where the command had been decided
      CREATE INDEX events_set_aside ON events (stream_id, command_id) WHERE sync_state = 'set-aside';

      -- a stream HQ refused an event of: nothing more of it is pushed until a rebase, a manager's
      -- retry or a newer app re-runs its commands into fresh events
      CREATE TABLE sync_quarantine (
        stream_id   TEXT PRIMARY KEY,
        event_id    TEXT NOT NULL,     -- the event HQ rejected
        reason      TEXT NOT NULL,     -- HQ's reject reason (INVALID_ENVELOPE, EVENT_ID_REUSED, …)
        detail      TEXT,
        app_version TEXT NOT NULL,     -- the app that pushed it: a newer app retries by itself
        since       TEXT NOT NULL
      ) STRICT;
    `);
  },
};
