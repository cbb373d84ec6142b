/** HQ on an embedded SQLite file in the data folder: the default, no set-up needed. */
import fs from 'node:fs';
import path from 'node:path';
import { lockDataFolder, type DataFolderLock } from '../../../src-node/data-folder-lock.js';
import { isSqliteBusy } from '../../../src-node/sqlite/database.js';
import type { HqStore } from '../hq-store.js';
import { createLocalHeadSignal } from '../local-head-signal.js';
import { asPromise } from './as-promise.js';
import { openHqSqlite, SERVE_LOCK, SQLITE_FILE, type HqSqlite, type SqliteOpenOptions } from './open-sqlite.js';
import { createSqliteEventLog } from './sqlite-event-log.js';
import { createSqliteTenancy } from './sqlite-tenancy.js';

export interface SqliteStoreOptions extends SqliteOpenOptions {
  /**
   * Takes the data folder's serve lock first (`hq serve`): its long-poll wake-ups are in-process,
   * so a second serving HQ on the file would leave its waiting pulls asleep. Released on close.
   */
  readonly exclusive?: boolean;
}

export const openSqliteHqStore = (dataDir: string, options: SqliteStoreOptions = {}): HqStore => {
  let lock: DataFolderLock | undefined;
  if (options.exclusive) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = lockDataFolder(dataDir, SERVE_LOCK);
  }
  let db: HqSqlite | undefined;
  let logId: string | undefined;
  try {
    db = openHqSqlite(dataDir, options);
    logId = db.reader.prepare('SELECT log_id FROM log_identity').pluck().get() as string | undefined;
    if (logId === undefined) throw new Error(`${path.join(dataDir, SQLITE_FILE)} has no log identity`);
  } catch (error) {
    db?.close();
    lock?.release();
    throw error;
  }
  const opened = db;
  const signal = createLocalHeadSignal();
  return {
    kind: 'sqlite',
    logId,
    location: path.join(dataDir, SQLITE_FILE),
    ...createSqliteTenancy(opened),
    ...createSqliteEventLog(opened, signal),
    isUnavailable: isSqliteBusy,
    ping: () => asPromise(() => void opened.reader.prepare('SELECT 1').get()),
    close: () =>
      asPromise(() => {
        opened.close();
        lock?.release();
      }),
  };
};
