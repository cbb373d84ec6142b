import type { Statement } from 'better-sqlite3';
import type { WritableDb } from '../../../src-node/sqlite/database.js';

/** Facts about the store itself, in `store_meta`. */
export const META = {
  installationId: 'installation_id',
  createdAt: 'created_at',
  /** Set when a store was restored from a backup: pull fully from HQ before any command. */
  needsFullPull: 'needs_full_pull',
} as const;

/** Prepared once per connection: every command reads a fact or two (sync state, HQ address). */
const statements = new WeakMap<WritableDb, { read: Statement<[string], { value: string }>; write: Statement<[string, string]> }>();
const statementsOf = (db: WritableDb) => {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = {
      read: db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?'),
      write: db.prepare<[string, string]>('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    statements.set(db, prepared);
  }
  return prepared;
};

export const readMeta = (db: WritableDb, key: string): string | undefined => statementsOf(db).read.get(key)?.value;

export const writeMeta = (db: WritableDb, key: string, value: string): void => {
  statementsOf(db).write.run(key, value);
};
