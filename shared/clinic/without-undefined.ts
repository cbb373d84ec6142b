/**
 * Drops the keys whose value is undefined, so an optional field the command left out is absent
 * from the event rather than stored as `undefined` (JSON would drop it anyway; equality in tests
 * and in the command-log fingerprint should not depend on that).
 */
export const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
