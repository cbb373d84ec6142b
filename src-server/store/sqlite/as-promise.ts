/**
 * better-sqlite3 is synchronous; the store port is asynchronous (for PostgreSQL). This runs a
 * synchronous call and turns its throw into a rejection, so callers see one kind of failure.
 */
export const asPromise = <T>(fn: () => T): Promise<T> => new Promise<T>((resolve) => resolve(fn()));
