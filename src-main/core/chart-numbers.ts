/**
 * Chart numbers are `<desk prefix>-<sequence>`, so desks that register patients offline never
 * hand out the same number. The prefix is the desk's short name (shared/contract/desk-prefix.ts).
 */
import type { ReadableDb } from '../../src-node/sqlite/database.js';

export { deskPrefixOf } from '../../shared/contract/desk-prefix.js';

/**
 * The next number is one more than the highest this desk has given. The highest is found by a
 * scan once; after that each call seeks the chart index for the numbers above it (a number given
 * but whose command was refused is free again, as before), so registering a patient does not read
 * every patient.
 */
export const chartNumbers = (db: ReadableDb, prefix: string) => {
  const highest = db.prepare<[number, string], { n: number | null }>(
    `SELECT max(CAST(substr(chart_number, ?) AS INTEGER)) AS n FROM read_patients WHERE chart_number LIKE ?`,
  );
  const taken = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM read_patients WHERE chart_number = ? COLLATE NOCASE LIMIT 1');
  let known: number | undefined;
  return {
    next: (): string => {
      known ??= highest.get(prefix.length + 2, `${prefix}-%`)?.n ?? 0;
      let n = known + 1;
      while (taken.get(`${prefix}-${n}`)) n += 1;
      known = n - 1;
      return `${prefix}-${n}`;
    },
  };
};
