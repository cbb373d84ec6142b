/**
 * Opens a desk's data folder: takes the folder lock, opens `desk.db` (WAL, synchronous=FULL),
 * migrates it, makes the installation id on first use, creates or rebuilds the read models, and
 * opens a second, read-only connection for queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { IdSource, StreamRegistry } from '../../../shared/eventsourcing/index.js';
import { lockDataFolder, type DataFolderLock } from '../../../src-node/data-folder-lock.js';
import { openReadable, type Durability, type ReadableDb, type WritableDb } from '../../../src-node/sqlite/database.js';
import { openMigrated } from '../../../src-node/sqlite/migrate.js';
import { DEFERRED_BUILD_FILE, removeScratch } from './deferred-build-thread.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Projection } from './projection.js';
import { createSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.js';
import { META, readMeta, writeMeta } from './store-meta.js';

export const DATABASE_FILE = 'desk.db';

/** WAL pages after which a commit checkpoints (SQLite's default: 1,000). */
const WAL_CHECKPOINT_PAGES = 4_000;

export interface DeskStoreOptions {
  readonly dataDir: string;
  readonly registry: StreamRegistry;
  readonly projections: readonly Projection[];
  readonly ids: IdSource;
  readonly now: () => Date;
  readonly durability?: Durability;
  /** better_sqlite3.node built for Electron; the Node build is used when absent. */
  readonly nativeBinding?: string;
  /** Progress of a read-model rebuild when the store opens (a projection whose version changed). */
  readonly onRebuildProgress?: (name: string, done: number, total: number) => void;
}

export interface DeskStore {
  readonly dataDir: string;
  readonly file: string;
  /** The better_sqlite3.node the store was opened with (Electron's), for another connection to the file; absent: Node's. */
  readonly nativeBinding?: string;
  /** Made when the store was created (or restored from a backup); names this desk to HQ. */
  readonly installationId: string;
  readonly events: SqliteEventStore;
  /**
   * The one connection that writes: the event store's, shared with what the desk keeps beside
   * the log (sign-in lockouts, HQ settings, and the sync worker's state).
   */
  readonly writer: WritableDb;
  /** Read-only connection for queries and read models. */
  readonly reader: ReadableDb;
  /** Online backup to a single self-contained file; a restored copy gets a new installation id. */
  readonly backup: (file: string) => Promise<void>;
  readonly close: () => void;
}

/** The store's installation id, made on first use (a restored backup has had its old one removed). */
const installationOf = (db: WritableDb, options: DeskStoreOptions): string => {
  const existing = readMeta(db, META.installationId);
  if (existing) return existing;
  const installationId = options.ids.newId();
  db.transaction(() => {
    writeMeta(db, META.installationId, installationId);
    if (!readMeta(db, META.createdAt)) writeMeta(db, META.createdAt, options.now().toISOString());
  }).immediate();
  return installationId;
};

export const openDeskStore = (options: DeskStoreOptions): DeskStore => {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const lock: DataFolderLock = lockDataFolder(options.dataDir, {
    file: 'desk.lock',
    holder: 'clinic-desk process (the desk app or a browser host)',
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const file = path.join(options.dataDir, DATABASE_FILE);
  // a deferred build's scratch file a crash left behind: its read models are rebuilt below
  removeScratch(path.join(options.dataDir, DEFERRED_BUILD_FILE));
  let db: WritableDb | undefined;
  let reader: ReadableDb | undefined;
  try {
    db = openMigrated(file, MIGRATIONS, 'clinic-desk', options);
    // A command writes ~14 WAL pages: SQLite's default checkpoint every 1,000 pages came every ~70
    // commands, each with its own fsyncs. Every 4,000 (a WAL up to ~16 MB) writes the pages a busy
    // hour touches again and again once instead of four times: ~0.1 ms less per command here.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    const installationId = installationOf(db, options);
    const events = createSqliteEventStore(db, options.registry, options.projections, {
      ...(options.onRebuildProgress ? { onRebuildProgress: options.onRebuildProgress } : {}),
    });
    reader = openReadable(file, options);
    const writer = db;
    const readOnly = reader;
    return {
      dataDir: options.dataDir,
      file,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      installationId,
      events,
      writer,
      reader: readOnly,
      backup: async (target) => {
        await writer.backup(target);
        // The copy is another installation once restored: it must not push as this desk.
        const copy = new Database(target, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
        try {
          copy.prepare('DELETE FROM store_meta WHERE key = ?').run(META.installationId);
          copy.prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, '1')").run(META.needsFullPull);
          copy.pragma('journal_mode = DELETE');
        } finally {
          copy.close();
        }
      },
      close: () => {
        readOnly.close();
        if (writer.open) {
          writer.pragma('wal_checkpoint(TRUNCATE)');
          writer.close();
        }
        lock.release();
      },
    };
  } catch (error) {
    reader?.close();
    db?.close();
    lock.release();
    throw error;
  }
};
