/** HQ on an embedded SQLite file in the data folder: the default, no set-up needed. */
import path from 'node:path';
import type { HqStore } from '../hq-store.js';
import { createLocalHeadSignal } from '../local-head-signal.js';
import { asPromise } from './as-promise.js';
import { migrateSqlite } from './migrate.js';
import { SQLITE_MIGRATIONS } from './migrations/index.js';
import { isSqliteUnavailable, openHqSqlite, SQLITE_FILE, type SqliteOpenOptions } from './open-sqlite.js';
import { createSqliteEventLog } from './sqlite-event-log.js';
import { createSqliteTenancy } from './sqlite-tenancy.js';

export const openSqliteHqStore = (dataDir: string, options: SqliteOpenOptions = {}): HqStore => {
  const db = openHqSqlite(dataDir, options);
  try {
    migrateSqlite(db, SQLITE_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const signal = createLocalHeadSignal();
  return {
    kind: 'sqlite',
    location: path.join(dataDir, SQLITE_FILE),
    ...createSqliteTenancy(db),
    ...createSqliteEventLog(db, signal),
    isUnavailable: isSqliteUnavailable,
    ping: () => asPromise(() => void db.prepare('SELECT 1').get()),
    close: () => asPromise(() => void db.close()),
  };
};
