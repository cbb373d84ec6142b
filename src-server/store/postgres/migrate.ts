import type pg from 'pg';
import { DatabaseTooNewError, latestVersionOf } from '../../../src-node/schema-version.js';
import { HQ_PROGRAM } from '../hq-store.js';
import type { PostgresMigration } from './migrations/index.js';

/** Any constant works; every HQ process uses this one, so they migrate one at a time. */
const MIGRATION_LOCK = 4_242_001;

/**
 * Brings the database to the newest schema, one migration per transaction, under an advisory
 * lock: several HQ processes starting together on one PostgreSQL apply each step exactly once.
 */
export const migratePostgres = async (pool: pg.Pool, migrations: readonly PostgresMigration[], location: string): Promise<void> => {
  const latest = latestVersionOf(migrations);
  const client = await pool.connect();
  try {
    for (let step = 0; ; step++) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(`
          CREATE TABLE IF NOT EXISTS hq_schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
          )`);
        const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM hq_schema_migrations');
        const found = rows[0]?.version ?? 0;
        if (found > latest) throw new DatabaseTooNewError(location, found, latest, HQ_PROGRAM);
        const next = migrations[found];
        if (!next || step > latest) {
          await client.query('COMMIT');
          return;
        }
        await client.query(next.sql);
        await client.query('INSERT INTO hq_schema_migrations (version, name) VALUES ($1, $2)', [next.version, next.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    client.release();
  }
};
