import type { WritableDb } from '../../../src-node/sqlite/database.js';

/** Facts about the store itself, in `store_meta`. */
export const META = {
  installationId: 'installation_id',
  createdAt: 'created_at',
  /** Set when a store was restored from a backup: pull fully from HQ before any command. */
  needsFullPull: 'needs_full_pull',
} as const;

export const readMeta = (db: WritableDb, key: string): string | undefined =>
  db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?').get(key)?.value;

export const writeMeta = (db: WritableDb, key: string, value: string): void => {
  db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
};
