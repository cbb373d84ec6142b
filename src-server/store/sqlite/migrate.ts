import { writeTransaction, type HqSqlite } from './open-sqlite.js';
import type { SqliteMigration } from './migrations/index.js';
import { SchemaTooNewError } from '../schema-too-new.js';

const schemaVersionOf = (db: HqSqlite): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the file to the newest schema, one migration per IMMEDIATE transaction; the version is
 * re-read inside it, so the CLI and the server migrating at once cannot apply a step twice.
 */
export const migrateSqlite = (db: HqSqlite, migrations: readonly SqliteMigration[]): void => {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${migration.name} is numbered ${migration.version}`);
  });
  const latest = migrations.length;
  const found = schemaVersionOf(db);
  if (found > latest) throw new SchemaTooNewError(db.name, found, latest);
  for (const migration of migrations.slice(found)) {
    writeTransaction(db, () => {
      if (schemaVersionOf(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
};
