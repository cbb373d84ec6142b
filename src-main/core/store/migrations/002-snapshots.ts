import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Snapshots of stream state, and the version each read model was built with. */
export const migration002: Migration = {
  version: 2,
  name: 'snapshots-and-projection-state',
  up: (db) => {
    db.exec(`
      -- several per stream: rebase drops those above the last published version
      CREATE TABLE snapshots (
        stream_id      TEXT NOT NULL,
        version        INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,  -- of the state's shape, not of any event
        state          TEXT NOT NULL,     -- JSON
        PRIMARY KEY (stream_id, version)
      ) STRICT;

      -- a read model whose code version differs from the stored one is rebuilt from the log
      CREATE TABLE projection_state (
        name    TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
