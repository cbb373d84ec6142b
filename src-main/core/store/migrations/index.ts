import { migration001 } from './001-event-log.js';
import { migration002 } from './002-snapshots.js';
import { migration003 } from './003-sync-state.js';
import { migration004 } from './004-pin-lockouts.js';
import { migration005 } from './005-sync-worker.js';
import { migration006 } from './006-receipt-index.js';
import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Every migration in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
