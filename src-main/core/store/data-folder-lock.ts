/**
 * An exclusive lock on a desk's data folder, so two processes (two Electron instances, or the
 * app and a browser host) never write one store. It is an SQLite EXCLUSIVE lock held on
 * `desk.lock` for the life of the process: the operating system releases it when the process
 * dies, so a crash never leaves a stale lock behind (unlike a pid file).
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(readonly dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another clinic-desk process (the desk app or a browser host). ` +
        'Close it first, or start this one with another data folder.',
    );
  }
}

export interface DataFolderLock {
  readonly release: () => void;
}

export const lockDataFolder = (dataDir: string, nativeBinding?: string): DataFolderLock => {
  const lock = new Database(path.join(dataDir, 'desk.lock'), {
    timeout: 0,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataFolderInUseError(dataDir);
    throw error;
  }
  return {
    release: () => {
      if (lock.open) lock.close();
    },
  };
};
