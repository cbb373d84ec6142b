/**
 * Opening SQLite the way the desk needs it, and the two kinds of handle.
 *
 * WritableDb is the one connection that writes (commands, sync, projections inside their
 * transaction). ReadableDb is a separate read-only connection for queries, so code that only
 * reads cannot write even by mistake (Signal Desktop's readable/writable split, enforced by
 * SQLite rather than by types alone).
 */
import Database from 'better-sqlite3';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;
export type ReadableDb = Database.Database & { readonly [readableBrand]: true };
export type WritableDb = ReadableDb & { readonly [writableBrand]: true };

/** FULL: an acknowledged payment survives a power cut. NORMAL only for benchmarks. */
export type Durability = 'FULL' | 'NORMAL';

export interface OpenOptions {
  readonly durability?: Durability;
  /** Path to a better_sqlite3.node built for another runtime (Electron); default: the Node build. */
  readonly nativeBinding?: string;
}

export const openWritable = (file: string, options: OpenOptions = {}): WritableDb => {
  const db = new Database(file, {
    timeout: 5_000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  return db as WritableDb;
};

export const openReadable = (file: string, options: OpenOptions = {}): ReadableDb => {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    timeout: 5_000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  return db as ReadableDb;
};

/** Runs `fn` in a write transaction that takes the write lock first (no upgrade deadlocks). */
export const writeTransaction = <T>(db: WritableDb, fn: () => T): T => db.transaction(fn).immediate();
