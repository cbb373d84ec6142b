/**
 * A stored event whose data and meta together take more than this many bytes is a large event:
 * both stores keep an index of them (migration 003, `events_large`), so a pull learns with one
 * seek that its page holds none and cannot be over the page byte limit (limits.maxPullBytes)
 * without summing its events' bytes. No event of a year's clinic data comes near it (the largest
 * is ~800 B). Fixed by the schema: another value takes a new migration.
 */
export const LARGE_EVENT_BYTES = 8192;

/** The SQL HQ's two stores speak. */
export type StoreDialect = 'sqlite' | 'postgres';

/**
 * A stored text's UTF-8 bytes. SQLite: the length of the text as a BLOB, not octet_length, which
 * only SQLite 3.43 knows: an index naming it would make the file fail `PRAGMA integrity_check`,
 * `VACUUM INTO` and every insert in an older sqlite3 (Debian 12 has 3.40), the tools an operator
 * checks and copies it with.
 */
const bytesOf: Readonly<Record<StoreDialect, (column: string) => string>> = {
  sqlite: (column) => `length(CAST(${column} AS BLOB))`,
  postgres: (column) => `octet_length(${column})`,
};

/** The stored bytes of an event's data and meta, exactly as the large-event index and the pages write it (a partial index is used only for the same expression). */
export const storedBytesSql = (dialect: StoreDialect): string => `${bytesOf[dialect]('data')} + ${bytesOf[dialect]('meta')}`;

/** The condition the large-event index holds its rows for. */
export const isLargeEventSql = (dialect: StoreDialect): string => `${storedBytesSql(dialect)} > ${LARGE_EVENT_BYTES}`;
