import { isLargeEventSql } from '../../../log/large-event.js';
import type { PostgresMigration } from './migration.js';

/** The log's large events, as in the SQLite file (src-server/store/sqlite/migrations/003). */
export const migration003: PostgresMigration = {
  version: 3,
  name: 'large-events',
  sql: `CREATE INDEX events_large ON events (tenant_id, server_position) WHERE ${isLargeEventSql('postgres')};`,
};
