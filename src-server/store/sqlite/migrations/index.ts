import type { Migration } from '../../../../src-node/sqlite/migration.js';
import { migration001 } from './001-tenancy-and-log.js';
import { migration002 } from './002-log-identity.js';
import { migration003 } from './003-large-events.js';

/** Every migration of HQ's SQLite file, in order. Append only. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003];
