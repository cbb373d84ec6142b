/**
 * Where a pull's page ends, in SQL (both stores' PAGE_SQL): the position of its last event. A
 * page holds at most `limit` events, and stops before the event that would take its events' data
 * and meta, as stored, over `maxBytes`; but it always holds the first event after `after`, however
 * large, so a pull always moves on (a page with no room for it would stop the clinic's pulls).
 * NULL when there is no event after `after`.
 *
 * Summing bytes costs a second pass over the page's rows (+1.2–1.5 ms on a 4 ms page of SQLite), so
 * it is done only when the page may be over: when it holds a large event (one seek of the nearly
 * empty large-event index, log/large-event.ts) or when `limit` events under the large size could
 * be. Otherwise the page is simply the next `limit` positions (a tenant's positions have no gaps).
 * (`limit <= maxBytes / LARGE` rather than `limit * LARGE <= maxBytes`: a store's caller may ask for
 * every event at once, and PostgreSQL's bigint would overflow.)
 */
import { isLargeEventSql, LARGE_EVENT_BYTES, storedBytesSql, type StoreDialect } from './large-event.js';

/** How the page statement names its values, in the SQL of its store. */
export interface PageEndTerms {
  readonly dialect: StoreDialect;
  readonly tenant: string;
  readonly after: string;
  readonly limit: string;
  readonly maxBytes: string;
}

/** SQLite names the large-event index: the statement fails to prepare rather than scan the page for large events. */
const largeIndexHint: Readonly<Record<StoreDialect, string>> = { sqlite: 'INDEXED BY events_large', postgres: '' };

export const pageEndSql = ({ dialect, tenant, after, limit, maxBytes }: PageEndTerms): string => `CASE
  WHEN ${limit} <= ${maxBytes} / ${LARGE_EVENT_BYTES} AND NOT EXISTS (
    SELECT 1 FROM events ${largeIndexHint[dialect]}
    WHERE tenant_id = ${tenant} AND server_position > ${after} AND server_position <= ${after} + ${limit} AND ${isLargeEventSql(dialect)}
  ) THEN ${after} + ${limit}
  ELSE (
    SELECT coalesce(max(position) FILTER (WHERE through <= ${maxBytes}), min(position))
    FROM (
      SELECT server_position AS position, sum(${storedBytesSql(dialect)}) OVER (ORDER BY server_position ROWS UNBOUNDED PRECEDING) AS through
      FROM events WHERE tenant_id = ${tenant} AND server_position > ${after} ORDER BY server_position LIMIT ${limit}
    ) AS page
  )
END`;
