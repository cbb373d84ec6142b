/**
 * Opening HQ's SQLite file. WAL lets pulls read while a push writes; synchronous=FULL because a
 * push answered `accepted` is a promise to the desk, which then marks its events published and
 * never sends them again: it must survive a power cut.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type HqSqlite = Database.Database;

export const SQLITE_FILE = 'hq.db';

export interface SqliteOpenOptions {
  /** How long a write waits for another process's lock (the CLI, a backup) before failing. */
  readonly busyTimeoutMs?: number;
}

export const openHqSqlite = (dataDir: string, options: SqliteOpenOptions = {}): HqSqlite => {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE), { timeout: options.busyTimeoutMs ?? 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 32 MB of page cache: the unique indexes of a busy tenant stay in memory
  db.pragma('cache_size = -32000');
  return db;
};

/** Runs `fn` holding the write lock from the start, so two writers never deadlock on an upgrade. */
export const writeTransaction = <T>(db: HqSqlite, fn: () => T): T => db.transaction(fn).immediate();

/** Busy or locked: another connection holds the lock longer than the busy timeout. Worth a retry. */
export const isSqliteUnavailable = (error: unknown): boolean =>
  error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
