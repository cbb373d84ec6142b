/**
 * The one SQLite layer the desk and HQ share: numbered migrations applied once each, a database
 * from a newer program refused without a byte changed, a readable handle that cannot write, and
 * write transactions that keep all or nothing, nested ones as savepoints.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../schema-version.js';
import { openReadable, openWritable, writeTransaction } from './database.js';
import { migrate, openMigrated, schemaVersionOf } from './migrate.js';
import type { Migration } from './migration.js';

const fileIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'src-node-sqlite-')), 'test.db');

const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT') },
  { version: 2, name: 'authors', up: (db) => db.exec("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'desk'") },
];

describe('the shared SQLite layer', () => {
  it('migrates a new file to the newest schema, and an older one from where it stands, each step once', () => {
    const file = fileIn();
    const first = openWritable(file);
    expect(migrate(first, MIGRATIONS.slice(0, 1), 'test-program')).toEqual({ from: 0, to: 1 });
    first.prepare("INSERT INTO notes (text) VALUES ('kept')").run();
    first.close();

    const db = openMigrated(file, MIGRATIONS, 'test-program');
    try {
      expect(schemaVersionOf(db)).toBe(2);
      expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([{ text: 'kept', author: 'desk' }]);
      expect(migrate(db, MIGRATIONS, 'test-program')).toEqual({ from: 2, to: 2 });
    } finally {
      db.close();
    }
  });

  it('refuses migrations that are not numbered 1, 2, 3, … in order', () => {
    const db = openWritable(fileIn());
    try {
      expect(() => migrate(db, [MIGRATIONS[1] as Migration], 'test-program')).toThrow(/numbered 2/);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer program, naming it, without changing a byte', () => {
    const file = fileIn();
    openMigrated(file, MIGRATIONS, 'test-program').close();
    const raw = openWritable(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 7');
    raw.close();
    const bytes = fs.readFileSync(file);
    expect(() => openMigrated(file, MIGRATIONS, 'test-program')).toThrow(DatabaseTooNewError);
    expect(() => openMigrated(file, MIGRATIONS, 'test-program')).toThrow(
      /written by a newer test-program \(database schema 7; this test-program knows up to 2\).*Nothing was changed/,
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('gives a readable handle that SQLite itself refuses to write through', () => {
    const file = fileIn();
    const writer = openMigrated(file, MIGRATIONS, 'test-program');
    const reader = openReadable(file);
    try {
      writeTransaction(writer, () => writer.prepare("INSERT INTO notes (text) VALUES ('one')").run());
      expect(reader.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
      expect(() => reader.prepare("INSERT INTO notes (text) VALUES ('two')").run()).toThrow(/readonly/);
    } finally {
      reader.close();
      writer.close();
    }
  });

  it('commits a write transaction whole or not at all; a nested one that throws undoes only its own writes', () => {
    const file = fileIn();
    const writer = openMigrated(file, MIGRATIONS, 'test-program');
    const other = openWritable(file, { busyTimeoutMs: 0 });
    try {
      const add = writer.prepare<[string]>('INSERT INTO notes (text) VALUES (?)');
      const texts = () => writer.prepare('SELECT text FROM notes ORDER BY id').pluck().all();
      expect(writeTransaction(writer, () => add.run('kept').changes)).toBe(1);
      expect(() =>
        writeTransaction(writer, () => {
          add.run('undone');
          throw new Error('refused');
        }),
      ).toThrow('refused');
      writeTransaction(writer, () => {
        add.run('outer');
        expect(() =>
          writeTransaction(writer, () => {
            add.run('inner, undone');
            throw new Error('inner refused');
          }),
        ).toThrow('inner refused');
        writeTransaction(writer, () => add.run('inner, kept'));
        // the write lock is held until the outer commit: another writer is refused meanwhile
        expect(() => other.prepare("INSERT INTO notes (text) VALUES ('elsewhere')").run()).toThrow(/SQLITE_BUSY|locked/);
      });
      expect(writer.inTransaction).toBe(false);
      expect(texts()).toEqual(['kept', 'outer', 'inner, kept']);
    } finally {
      other.close();
      writer.close();
    }
  });
});
