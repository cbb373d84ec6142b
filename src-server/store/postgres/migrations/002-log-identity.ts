import type { PostgresMigration } from './migration.js';

/** The log's identity, as in the SQLite file (src-server/store/sqlite/migrations/002): one UUID per database. */
export const migration002: PostgresMigration = {
  version: 2,
  name: 'log-identity',
  sql: `
    CREATE TABLE log_identity (
      singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      log_id     text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO log_identity (log_id) VALUES (gen_random_uuid()::text);
  `,
};
