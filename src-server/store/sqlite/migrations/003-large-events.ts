import type { Migration } from '../../../../src-node/sqlite/migration.js';
import { isLargeEventSql } from '../../../log/large-event.js';

/**
 * The log's large events (log/large-event.ts), indexed by position: a pull whose range has none
 * skips summing its events' bytes. Nearly empty, so a push writes to it only for a large event.
 */
export const migration003: Migration = {
  version: 3,
  name: 'large-events',
  up: (db) => {
    db.exec(`CREATE INDEX events_large ON events (tenant_id, server_position) WHERE ${isLargeEventSql('sqlite')};`);
  },
};
