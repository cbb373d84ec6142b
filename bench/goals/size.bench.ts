/**
 * Goal 9: the databases' size on disk per 1,000,000 events — desk A's file (log, command log,
 * snapshots, read models), HQ's SQLite file — beside the raw JSON of the same events (each
 * envelope as JSON, summed). HQ on PostgreSQL is measured by the join benchmark, which loads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import type { Bench } from '../context.js';
import type { Row } from '../report.js';

/** Bytes of each table and index, from SQLite's dbstat (largest first). */
export const breakdown = (file: string): string => {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 6').all() as { name: string; bytes: number }[];
    return rows.map((row) => `${row.name} ${(row.bytes / 2 ** 20).toFixed(0)} MiB`).join(', ');
  } catch {
    return '';
  } finally {
    db.close();
  }
};

const fileBytes = (file: string): number => fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

export const sizeBench: Bench = (context) => {
  const { info, deskDir, hqDir } = context.dataset;
  const perMillion = (bytes: number) => (bytes / info.events) * 1e6 / 2 ** 20;
  const json = perMillion(info.jsonBytes);
  const rows: Row[] = [];
  for (const [label, file] of [
    ['desk database (desk.db)', path.join(deskDir, DATABASE_FILE)],
    ['HQ database, SQLite (hq.db)', path.join(hqDir, SQLITE_FILE)],
  ] as const) {
    const size = perMillion(fileBytes(file));
    rows.push({
      goal: 9,
      name: `${label} per 1M events`,
      figure: { value: size, unit: 'MiB', detail: breakdown(file) },
      baseline: { name: 'the events as raw JSON', value: json, unit: 'MiB' },
      ratio: json / size,
    });
  }
  return Promise.resolve(rows);
};
