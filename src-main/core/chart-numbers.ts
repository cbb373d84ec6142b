/**
 * Chart numbers are `<desk prefix>-<sequence>`, so desks that register patients offline never
 * hand out the same number. The prefix comes from the random tail of the installation id (the
 * head of a UUIDv7 is a timestamp, the same for desks installed the same week).
 */
import type { ReadableDb } from '../../src-node/sqlite/database.js';

export const deskPrefixOf = (installationId: string): string =>
  `D${installationId.replace(/-/g, '').slice(-5).toUpperCase()}`;

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
