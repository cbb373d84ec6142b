import { migration001 } from './001-tenancy-and-log.js';
import { migration002 } from './002-log-identity.js';
import { migration003 } from './003-large-events.js';
import type { PostgresMigration } from './migration.js';

export type { PostgresMigration } from './migration.js';

/** Every migration in order. Append only. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [migration001, migration002, migration003];
