import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Per-event sync state: pending, published (with HQ's position), or set aside for a rebase. */
export const migration003: Migration = {
  version: 3,
  name: 'sync-state',
  up: (db) => {
    db.exec(`
      -- pending: raised here, not yet acknowledged by HQ; published: HQ holds it at server_position;
      -- set-aside: moved out of its stream while the stream is rebased onto HQ's events, and kept
      -- as the record of what this desk first wrote
      ALTER TABLE events ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'pending'
        CHECK (sync_state IN ('pending', 'published', 'set-aside'));
      ALTER TABLE events ADD COLUMN server_position INTEGER;
      ALTER TABLE events ADD COLUMN received_at TEXT;

      -- a set-aside event gives its version back to the stream
      DROP INDEX events_stream_version;
      CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version) WHERE sync_state <> 'set-aside';
      CREATE INDEX events_pending ON events (position) WHERE sync_state = 'pending';
    `);
  },
};
