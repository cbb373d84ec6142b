/** HQ on an embedded SQLite file in the data folder: the default, no set-up needed. */
import path from 'node:path';
import { isSqliteBusy } from '../../../src-node/sqlite/database.js';
import type { HqStore } from '../hq-store.js';
import { createLocalHeadSignal } from '../local-head-signal.js';
import { asPromise } from './as-promise.js';
import { openHqSqlite, SQLITE_FILE, type SqliteOpenOptions } from './open-sqlite.js';
import { createSqliteEventLog } from './sqlite-event-log.js';
import { createSqliteTenancy } from './sqlite-tenancy.js';

export const openSqliteHqStore = (dataDir: string, options: SqliteOpenOptions = {}): HqStore => {
  const db = openHqSqlite(dataDir, options);
  const signal = createLocalHeadSignal();
  const logId = db.reader.prepare('SELECT log_id FROM log_identity').pluck().get() as string | undefined;
  if (logId === undefined) {
    db.close();
    throw new Error(`${path.join(dataDir, SQLITE_FILE)} has no log identity`);
  }
  return {
    kind: 'sqlite',
    logId,
    location: path.join(dataDir, SQLITE_FILE),
    ...createSqliteTenancy(db),
    ...createSqliteEventLog(db, signal),
    isUnavailable: isSqliteBusy,
    ping: () => asPromise(() => void db.reader.prepare('SELECT 1').get()),
    close: () => asPromise(() => db.close()),
  };
};
