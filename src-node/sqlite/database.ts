/**
 * Opening SQLite the way the desk and HQ both need it, and the two kinds of handle.
 *
 * WritableDb is the one connection that writes (inside write transactions). ReadableDb is a
 * read-only connection, so code that only reads cannot write even by mistake (Signal Desktop's
 * readable/writable split, enforced by SQLite rather than by types alone). A WritableDb may be
 * passed where a ReadableDb is asked for; never the reverse.
 */
import Database from 'better-sqlite3';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;
export type ReadableDb = Database.Database & { readonly [readableBrand]: true };
export type WritableDb = ReadableDb & { readonly [writableBrand]: true };

/** FULL: an acknowledged write survives a power cut. NORMAL only for benchmarks. */
export type Durability = 'FULL' | 'NORMAL';

export interface OpenOptions {
  readonly durability?: Durability;
  /** Path to a better_sqlite3.node built for another runtime (Electron); default: the Node build. */
  readonly nativeBinding?: string;
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /** Page cache of the writer, in KiB; SQLite's default (2 MB) when absent. */
  readonly cacheSizeKib?: number;
  /**
   * A scratch file nothing needs after a crash (a deferred build's): its rollback journal in
   * memory, no fsync, instead of WAL and `durability`. Another connection reads it only once its
   * writer is done.
   */
  readonly scratch?: boolean;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

const bindingOf = (options: OpenOptions) => (options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});

/** WAL (readers never wait for the writer), the chosen durability, foreign keys enforced (a scratch file: see `scratch`). */
export const openWritable = (file: string, options: OpenOptions = {}): WritableDb => {
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, ...bindingOf(options) });
  try {
    db.pragma(options.scratch ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
    db.pragma(options.scratch ? 'synchronous = OFF' : `synchronous = ${options.durability ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    if (options.cacheSizeKib !== undefined) db.pragma(`cache_size = -${Math.trunc(options.cacheSizeKib)}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db as WritableDb;
};

export const openReadable = (file: string, options: OpenOptions = {}): ReadableDb => {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    ...bindingOf(options),
  });
  return db as ReadableDb;
};

/**
 * One transaction runner per connection: better-sqlite3 builds a new wrapper (four functions)
 * for every db.transaction(fn), ~5 µs, and a desk command runs two. This one runs whatever it is
 * given; nested calls become savepoints, as better-sqlite3 decides at each call.
 */
const runners = new WeakMap<WritableDb, Database.Transaction<(fn: () => unknown) => unknown>>();

const runnerOf = (db: WritableDb): Database.Transaction<(fn: () => unknown) => unknown> => {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.transaction((body: () => unknown) => body());
    runners.set(db, runner);
  }
  return runner;
};

/** Runs `fn` in a write transaction that takes the write lock first (no upgrade deadlocks). */
export const writeTransaction = <T>(db: WritableDb, fn: () => T): T => runnerOf(db).immediate(fn) as T;

/**
 * Runs `fn` in a transaction that locks a database only when it first writes to it: for a
 * connection with another database attached that it only reads while others write it (a deferred
 * build's scratch file reading the desk's log). BEGIN IMMEDIATE would take every attached file's
 * write lock.
 */
export const ownTransaction = <T>(db: WritableDb, fn: () => T): T => runnerOf(db).deferred(fn) as T;

/** Busy or locked: another connection held the lock longer than the busy timeout. Worth a retry. */
export const isSqliteBusy = (error: unknown): boolean => error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
