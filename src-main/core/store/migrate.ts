import type { Migration } from './migrations/migration.js';
import { writeTransaction, type WritableDb } from './sqlite.js';

export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${file} was written by a newer clinic-desk (database schema ${found}; this app knows up to ${supported}). ` +
        'Install the newer version of the app. Nothing was changed.',
    );
  }
}

export const schemaVersionOf = (db: WritableDb): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the database to the newest schema, one migration per transaction. The version is
 * re-read inside each transaction, so two connections migrating at once cannot apply a step twice.
 * A database newer than this app is refused before anything is written.
 */
export const migrate = (db: WritableDb, migrations: readonly Migration[]): { from: number; to: number } => {
  const latest = migrations.at(-1)?.version ?? 0;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${migration.name} is numbered ${migration.version}`);
  });
  const from = schemaVersionOf(db);
  if (from > latest) throw new DatabaseTooNewError(db.name, from, latest);
  for (const migration of migrations.slice(from)) {
    writeTransaction(db, () => {
      if (schemaVersionOf(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
  return { from, to: Math.max(from, latest) };
};
