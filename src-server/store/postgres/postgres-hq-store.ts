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

/**
 * Set on every connection HQ opens, in its startup packet (`options`): in force before its first
 * query, and a server that refuses one refuses the connection instead of serving it without.
 *   DateStyle: pg reads timestamptz text in ISO form only; a server or database set to another
 *     DateStyle would make every date null.
 *   plan_cache_mode: every statement is planned for any tenant and position, not for the values it
 *     is given. A plan made for the values reads them in the statistics, which lag behind the log:
 *     - a clinic added after the last ANALYZE has no share there: PostgreSQL expected one row of it
 *       and reached a push's lookups through the clinic's whole log (a filter on each of its rows,
 *       once per stream), 7 s a push at 20,000 events beside a larger clinic, growing with every
 *       push until autovacuum analyzes the table, after a tenth of it has changed;
 *     - a log never analyzed (a new HQ, its first clinic pushing): a pull page read every event
 *       after its position and sorted them (54 ms a page with 70,000 behind it; HQ pulled 11,000
 *       events/s in the `hq` benchmark, 37,000 with generic plans).
 *     A generic plan estimates a tenant as the table's rows over its tenants and follows the index
 *     each statement names (test/server/hq-query-plans.int.spec.ts).
 */
export const SESSION_OPTIONS = '-c DateStyle=ISO,MDY -c plan_cache_mode=force_generic_plan';

/**
 * The pool's connection settings: the operator's URL without its `options`, and SESSION_OPTIONS
 * after them (theirs first; ours decide where both set one). pg lets options read from a URL
 * override the ones it is given beside it, so they are taken out of the URL and passed together.
 */
const connectionFor = (connectionString: string): { readonly connectionString: string; readonly options: string } => {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // not a URL (a key=value string): pg reads it as it is
    return { connectionString, options: SESSION_OPTIONS };
  }
  const theirs = url.searchParams.get('options');
  url.searchParams.delete('options');
  return { connectionString: url.toString(), options: theirs ? `${theirs} ${SESSION_OPTIONS}` : SESSION_OPTIONS };
};

export const openPostgresHqStore = async (connectionString: string, options: PostgresOpenOptions = {}): Promise<HqStore> => {
  const onBackgroundError = options.onBackgroundError ?? (() => undefined);
  const location = redactUrl(connectionString);
  const pool = new pg.Pool({
    ...connectionFor(connectionString),
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', onBackgroundError);
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
