/** HQ on PostgreSQL (HQ_DATABASE_URL): what several HQ processes share when one machine is not enough. */
import pg from 'pg';
import type { HqStore } from '../hq-store.js';
import { migratePostgres } from './migrate.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { isPostgresUnavailable } from './pg-errors.js';
import { createPostgresEventLog } from './postgres-event-log.js';
import { startPostgresHeadSignal } from './postgres-head-signal.js';
import { createPostgresTenancy } from './postgres-tenancy.js';

export interface PostgresOpenOptions {
  /** Connections per HQ process (besides the one that LISTENs). */
  readonly poolSize?: number;
  /** Errors of idle or listening connections, which no request is waiting for. */
  readonly onBackgroundError?: (error: Error) => void;
}

/** The URL without its password, for logs. */
export const redactUrl = (connectionString: string): string => {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
};

export const openPostgresHqStore = async (connectionString: string, options: PostgresOpenOptions = {}): Promise<HqStore> => {
  const onBackgroundError = options.onBackgroundError ?? (() => undefined);
  const location = redactUrl(connectionString);
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', onBackgroundError);
  // pg reads timestamptz text in ISO form only: a server or database set to another DateStyle
  // would make every date null. Queued before any query the new client runs.
  pool.on('connect', (client) => {
    client.query("SET DateStyle = 'ISO, MDY'").catch(onBackgroundError);
  });
  try {
    await migratePostgres(pool, POSTGRES_MIGRATIONS, location);
    const { rows } = await pool.query<{ log_id: string }>('SELECT log_id FROM log_identity');
    const logId = rows[0]?.log_id;
    if (logId === undefined) throw new Error(`${location} has no log identity`);
    const signal = await startPostgresHeadSignal(connectionString, onBackgroundError);
    return {
      kind: 'postgres',
      logId,
      location,
      ...createPostgresTenancy(pool),
      ...createPostgresEventLog(pool, signal),
      isUnavailable: isPostgresUnavailable,
      ping: async () => {
        await pool.query('SELECT 1');
      },
      close: async () => {
        await signal.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
};
