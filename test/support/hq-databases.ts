/**
 * The two databases HQ runs on, as test fixtures: a fresh empty one per call, a way to open HQ's
 * store on it, a dump of every table (to prove a refused request changed nothing), the CLI flags
 * or environment that point a child HQ process at it, and a switch that makes it unavailable.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import { adminQuery, createTestDatabase } from './postgres-database.js';
import { tempDir } from './tab-desk.js';

export interface HqDatabase {
  readonly kind: 'SQLite' | 'PostgreSQL';
  /** busyTimeoutMs applies to SQLite: how long a push waits for a lock held elsewhere. */
  readonly open: (options?: { readonly busyTimeoutMs?: number }) => Promise<HqStore>;
  /** Every row of every table, sorted: equal dumps mean an unchanged database. */
  readonly dump: () => Promise<string>;
  /** What a child `src-server/cli.ts` needs to use this database. */
  readonly cli: { readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> };
  /** Makes the database refuse writes (SQLite) or connections (PostgreSQL); call the result to undo. */
  readonly makeUnavailable: () => Promise<() => Promise<void>>;
}

export interface HqBackend {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly create: () => Promise<HqDatabase>;
}

const sortedRows = (rows: readonly unknown[]): string[] =>
  rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (value instanceof Date ? value.toISOString() : value))).sort();

export const sqliteBackend: HqBackend = {
  name: 'SQLite',
  create: () => {
    const dataDir = tempDir('hq-sqlite');
    const file = path.join(dataDir, SQLITE_FILE);
    return Promise.resolve({
      kind: 'SQLite',
      open: (options = {}) => Promise.resolve(openSqliteHqStore(dataDir, options)),
      dump: () => {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
          const dump = Object.fromEntries(tables.map((table) => [table, sortedRows(db.prepare(`SELECT * FROM "${table}"`).all())]));
          return Promise.resolve(JSON.stringify(dump));
        } finally {
          db.close();
        }
      },
      cli: { args: ['--data', dataDir], env: {} },
      makeUnavailable: () => {
        const locker = new Database(file, { timeout: 5_000 });
        locker.exec('BEGIN EXCLUSIVE');
        return Promise.resolve(() => {
          locker.exec('ROLLBACK');
          locker.close();
          return Promise.resolve();
        });
      },
    });
  },
};

export const postgresBackend = (adminUrl: string): HqBackend => ({
  name: 'PostgreSQL',
  create: async () => {
    const url = await createTestDatabase(adminUrl, 'hq');
    const name = new URL(url).pathname.slice(1);
    return {
      kind: 'PostgreSQL',
      open: () => openPostgresHqStore(url, { poolSize: 12 }),
      dump: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows: tables } = await client.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
          );
          const dump: Record<string, string[]> = {};
          for (const { table_name: table } of tables) dump[table] = sortedRows((await client.query(`SELECT * FROM "${table}"`)).rows);
          return JSON.stringify(dump);
        } finally {
          await client.end();
        }
      },
      cli: { args: [], env: { HQ_DATABASE_URL: url } },
      makeUnavailable: async () => {
        await adminQuery(adminUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await adminQuery(adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
        return () => adminQuery(adminUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      },
    };
  },
});
