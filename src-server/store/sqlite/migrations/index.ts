import type { Migration } from '../../../../src-node/sqlite/migration.js';
import { migration001 } from './001-tenancy-and-log.js';

/** Every migration of HQ's SQLite file, in order. Append only. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [migration001];
