import { migration001 } from './001-tenancy-and-log.js';
import type { SqliteMigration } from './migration.js';

export type { SqliteMigration } from './migration.js';

/** Every migration in order. Append only. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [migration001];
