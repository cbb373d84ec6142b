/**
 * A stored event whose data and meta together take more than this many bytes is a large event:
 * both stores keep an index of them (migration 003, `events_large`), so a pull learns with one
 * seek that its page holds none and cannot be over the page byte limit (limits.maxPullBytes)
 * without summing its events' bytes. No event of a year's clinic data comes near it (the largest
 * is ~800 B). Fixed by the schema: another value takes a new migration.
 */
export const LARGE_EVENT_BYTES = 8192;

/** The stored bytes of an event's data and meta, in SQL, exactly as the large-event index and the pages write it (a partial index is used only for the same expression). */
export const STORED_BYTES_SQL = 'octet_length(data) + octet_length(meta)';

/** The condition the large-event index holds its rows for. */
export const IS_LARGE_EVENT_SQL = `${STORED_BYTES_SQL} > ${LARGE_EVENT_BYTES}`;
