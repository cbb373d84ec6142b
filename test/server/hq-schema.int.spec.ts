/**
 * HQ's database schemas: numbered migrations give the schema pinned below (a change must be a new
 * migration, and shows up here), several HQ processes migrating one PostgreSQL at once apply each
 * step once, and a database written by a newer HQ is refused with nothing changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { DatabaseTooNewError } from '../../src-node/schema-version.js';
import { openWritable } from '../../src-node/sqlite/database.js';
import { migrate } from '../../src-node/sqlite/migrate.js';
import { HQ_PROGRAM } from '../../src-server/store/hq-store.js';
import { migratePostgres } from '../../src-server/store/postgres/migrate.js';
import { POSTGRES_MIGRATIONS } from '../../src-server/store/postgres/migrations/index.js';
import { openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { SQLITE_MIGRATIONS } from '../../src-server/store/sqlite/migrations/index.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import { createTestDatabase, withClient } from '../support/postgres-database.js';
import { tempDir } from '../support/tab-desk.js';

const postgresSchema = (url: string) =>
  withClient(url, async (client) => ({
    columns: (
      await client.query(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
         WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      )
    ).rows,
    indexes: (await client.query("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname")).rows,
    checks: (
      await client.query(
        `SELECT conrelid::regclass::text AS table_name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'f') ORDER BY 1, 2`,
      )
    ).rows,
  }));

describe('HQ schema on SQLite', () => {
  it('is the one the numbered migrations make', async () => {
    const dataDir = tempDir('hq-schema');
    await openSqliteHqStore(dataDir).close();
    const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()).toMatchSnapshot();
    } finally {
      db.close();
    }
  });

  it('upgrades a file of the first schema, keeping its tenants and giving it a logId', async () => {
    const dataDir = tempDir('hq-upgrade');
    const first = openWritable(path.join(dataDir, SQLITE_FILE));
    migrate(first, SQLITE_MIGRATIONS.slice(0, 1), HQ_PROGRAM);
    first.prepare("INSERT INTO tenants (tenant_id, name, head, created_at) VALUES ('t1', 'Gangnam', 0, '2026-01-01T00:00:00.000Z')").run();
    first.close();
    const store = openSqliteHqStore(dataDir);
    try {
      expect(store.logId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await store.listTenants()).map((tenant) => tenant.name)).toEqual(['Gangnam']);
    } finally {
      await store.close();
    }
  });

  it('refuses a file written by a newer HQ and changes nothing', async () => {
    const dataDir = tempDir('hq-newer');
    await openSqliteHqStore(dataDir).close();
    const file = path.join(dataDir, SQLITE_FILE);
    const db = new Database(file);
    // as a newer HQ might leave it: not in WAL mode, so switching to WAL would change its header
    db.pragma('journal_mode = DELETE');
    db.pragma('user_version = 9');
    db.close();
    const bytes = fs.readFileSync(file);
    expect(() => openSqliteHqStore(dataDir)).toThrow(DatabaseTooNewError);
    expect(fs.readFileSync(file).equals(bytes), 'the file is byte for byte unchanged').toBe(true);
    const after = new Database(file, { readonly: true });
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(9);
    } finally {
      after.close();
    }
  });
});

describe('HQ schema on PostgreSQL', () => {
  it('is the one the numbered migrations make, applied once when several HQ processes start together', async () => {
    const url = await createTestDatabase(inject('hqPostgresUrl'), 'hq_schema');
    const stores = await Promise.all([openPostgresHqStore(url), openPostgresHqStore(url), openPostgresHqStore(url)]);
    await Promise.all(stores.map((store) => store.close()));
    const applied = await withClient(url, async (client) => (await client.query('SELECT version, name FROM hq_schema_migrations')).rows);
    expect(applied).toEqual([
      { version: 1, name: 'tenancy-and-log' },
      { version: 2, name: 'log-identity' },
      { version: 3, name: 'large-events' },
    ]);
    expect(await postgresSchema(url)).toMatchSnapshot();
  });

  it('upgrades a database of the first schema, keeping its tenants and giving it a logId', async () => {
    const url = await createTestDatabase(inject('hqPostgresUrl'), 'hq_upgrade');
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migratePostgres(pool, POSTGRES_MIGRATIONS.slice(0, 1), 'test database');
      await pool.query("INSERT INTO tenants (tenant_id, name, head, created_at) VALUES ('t1', 'Gangnam', 0, now())");
    } finally {
      await pool.end();
    }
    const store = await openPostgresHqStore(url);
    try {
      expect(store.logId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await store.listTenants()).map((tenant) => tenant.name)).toEqual(['Gangnam']);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer HQ and changes nothing', async () => {
    const url = await createTestDatabase(inject('hqPostgresUrl'), 'hq_newer');
    await (await openPostgresHqStore(url)).close();
    await withClient(url, (client) => client.query("INSERT INTO hq_schema_migrations (version, name) VALUES (9, 'from-the-future')"));
    const before = await postgresSchema(url);
    await expect(openPostgresHqStore(url)).rejects.toThrow(DatabaseTooNewError);
    expect(await postgresSchema(url)).toEqual(before);
  });
});
