/**
 * Numbered migrations with one runner, for every SQLite database of the project (the desk's,
 * HQ's). The schema version is SQLite's user_version; migration N brings it from N-1 to N.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openWritable, writeTransaction, type OpenOptions, type WritableDb } from './database.js';
import { DatabaseTooNewError, latestVersionOf } from '../schema-version.js';
import type { Migration } from './migration.js';

export const schemaVersionOf = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the database to the newest schema, one migration per IMMEDIATE transaction. The version
 * is re-read inside each transaction, so two connections (or processes) migrating at once cannot
 * apply a step twice. A database newer than `migrations` is refused before anything is written.
 */
export const migrate = (db: WritableDb, migrations: readonly Migration[], program: string): { from: number; to: number } => {
  const latest = latestVersionOf(migrations);
  const from = schemaVersionOf(db);
  if (from > latest) throw new DatabaseTooNewError(db.name, from, latest, program);
  for (const migration of migrations.slice(from)) {
    writeTransaction(db, () => {
      if (schemaVersionOf(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
  return { from, to: Math.max(from, latest) };
};

/**
 * Looks at an existing file's schema version through a read-only connection, before a writer
 * switches it to WAL: a database from a newer program is refused without a byte changed.
 */
export const refuseNewerDatabase = (file: string, migrations: readonly Migration[], program: string, options: OpenOptions = {}): void => {
  if (!fs.existsSync(file)) return;
  const latest = latestVersionOf(migrations);
  const peek = new Database(file, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const found = schemaVersionOf(peek);
    if (found > latest) throw new DatabaseTooNewError(file, found, latest, program);
  } finally {
    peek.close();
  }
};

/** The writer of a database at the newest schema: refused untouched when too new, else opened and migrated. */
export const openMigrated = (file: string, migrations: readonly Migration[], program: string, options: OpenOptions = {}): WritableDb => {
  refuseNewerDatabase(file, migrations, program, options);
  const db = openWritable(file, options);
  try {
    migrate(db, migrations, program);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};
