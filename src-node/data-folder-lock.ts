/**
 * An exclusive lock on a data folder, so two processes never write one store (two desk
 * instances, the desk app and a browser host, two `hq serve`). It is an SQLite EXCLUSIVE lock
 * held on a lock file in the folder for the life of the process: the operating system releases
 * it when the process dies, so a crash never leaves a stale lock behind (unlike a pid file).
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    holder: string,
  ) {
    super(`The data folder ${dataDir} is in use by another ${holder}. Close it first, or start this one with another data folder.`);
  }
}

export interface DataFolderLockOptions {
  /** The lock file's name inside the folder, e.g. desk.lock. */
  readonly file: string;
  /** Who else may hold it, for the refusal: "clinic-desk process (the desk app or a browser host)". */
  readonly holder: string;
  /** better_sqlite3.node built for another runtime (Electron); the Node build when absent. */
  readonly nativeBinding?: string;
}

export interface DataFolderLock {
  readonly release: () => void;
}

/** Takes the folder's lock or throws DataFolderInUseError at once (no waiting). The folder must exist. */
export const lockDataFolder = (dataDir: string, options: DataFolderLockOptions): DataFolderLock => {
  const lock = new Database(path.join(dataDir, options.file), {
    timeout: 0,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataFolderInUseError(dataDir, options.holder);
    throw error;
  }
  return {
    release: () => {
      if (lock.open) lock.close();
    },
  };
};
