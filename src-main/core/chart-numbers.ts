/**
 * Chart numbers are `<desk prefix>-<sequence>`, so desks that register patients offline never
 * hand out the same number. The prefix is the desk's short name (shared/contract/desk-prefix.ts).
 */
import type { ReadableDb } from '../../src-node/sqlite/database.js';

export { deskPrefixOf } from '../../shared/contract/desk-prefix.js';

export const chartNumbers = (db: ReadableDb, prefix: string) => {
  const highest = db.prepare<[number, string], { n: number | null }>(
    `SELECT max(CAST(substr(chart_number, ?) AS INTEGER)) AS n FROM read_patients WHERE chart_number LIKE ?`,
  );
  return {
    next: (): string => {
      const n = highest.get(prefix.length + 2, `${prefix}-%`)?.n ?? 0;
      return `${prefix}-${n + 1}`;
    },
  };
};
