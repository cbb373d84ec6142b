import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * HQ's receipt (pending → published) no longer rewrites the (stream_id, version) index. SQLite
 * rewrites an index entry whenever an UPDATE changes a column the index's WHERE names, and the
 * partial index of migration 003 names `sync_state`: a push of 500 memos on 250 visits wrote
 * ~350 WAL pages to mark them published, ~100 now. Set-aside events now stay in the index with
 * their own position as a third key (`aside_position`, 0 for every live event), so the live
 * (stream_id, version) stays unique with no WHERE at all; queries that name
 * `sync_state <> 'set-aside'` still seek it by stream_id (and version).
 */
export const migration006: Migration = {
  version: 6,
  name: 'receipt-index',
  up: (db) => {
    db.exec(`
      -- 0 while the event is live (pending or published); its own position once set aside. Only
      -- the set-aside statement gives it a position, in the same UPDATE as sync_state.
      ALTER TABLE events ADD COLUMN aside_position INTEGER NOT NULL DEFAULT 0
        CHECK (aside_position = 0 OR sync_state = 'set-aside');
      UPDATE events SET aside_position = position WHERE sync_state = 'set-aside';

      DROP INDEX events_stream_version;
      CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version, aside_position);
    `);
  },
};
