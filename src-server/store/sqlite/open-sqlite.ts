/**
 * Opening HQ's SQLite file through the project's one SQLite layer (src-node/sqlite): refused
 * untouched when a newer HQ wrote it, else migrated. WAL lets pulls read while a push writes;
 * synchronous=FULL because a push answered `accepted` is a promise to the desk, which then marks
 * its events published and never sends them again: it must survive a power cut.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openReadable, type ReadableDb, type WritableDb } from '../../../src-node/sqlite/database.js';
import { openMigrated } from '../../../src-node/sqlite/migrate.js';
import { HQ_PROGRAM } from '../hq-store.js';
import { SQLITE_MIGRATIONS } from './migrations/index.js';

export const SQLITE_FILE = 'hq.db';

export interface SqliteOpenOptions {
  /** How long a write waits for another process's lock (the CLI, a backup) before failing. */
  readonly busyTimeoutMs?: number;
}

/** The lock `hq serve` holds on its data folder: one serving HQ per SQLite file (CLI commands may run beside it). */
export const SERVE_LOCK = { file: 'hq.lock', holder: 'HQ serve process (npm run hq -- serve)' } as const;

/** 32 MB of page cache: the unique indexes of a busy tenant stay in memory. */
const CACHE_SIZE_KIB = 32_000;

export interface HqSqlite {
  readonly writer: WritableDb;
  /** A read-only connection for pulls and lookups: a read cannot write, even by mistake. */
  readonly reader: ReadableDb;
  readonly close: () => void;
}

export const openHqSqlite = (dataDir: string, options: SqliteOpenOptions = {}): HqSqlite => {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE);
  const openOptions = { durability: 'FULL', cacheSizeKib: CACHE_SIZE_KIB, ...options } as const;
  const writer = openMigrated(file, SQLITE_MIGRATIONS, HQ_PROGRAM, openOptions);
  let reader: ReadableDb;
  try {
    reader = openReadable(file, openOptions);
  } catch (error) {
    writer.close();
    throw error;
  }
  return {
    writer,
    reader,
    close: () => {
      reader.close();
      writer.close();
    },
  };
};
