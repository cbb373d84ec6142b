import { randomUUID } from 'node:crypto';
import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * The log's identity: one UUID made when the database is created (or first upgraded to this
 * schema), served as `logId` by health and every pull. A desk that sees it change knows it talks
 * to another log (an HQ replaced or restored) and stops instead of diverging.
 */
export const migration002: Migration = {
  version: 2,
  name: 'log-identity',
  up: (db) => {
    db.exec(`
      CREATE TABLE log_identity (
        singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
        log_id     TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
    db.prepare('INSERT INTO log_identity (singleton, log_id, created_at) VALUES (1, ?, ?)').run(randomUUID(), new Date().toISOString());
  },
};
