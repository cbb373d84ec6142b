/**
 * Goal 5: rebuilding every read model from the whole log (what a changed read model costs once,
 * when the desk opens), with its progress shown while it runs, on a copy of desk A's year. Beside
 * it: a raw full scan of the events table (every live row, every column, in position order),
 * before and after the rebuild. Goal: events/s ≥ 0.5 of the scan's rows/s.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import { EVENT_COLUMNS } from '../../src-main/core/store/event-rows.js';
import type { Bench } from '../context.js';
import type { Row } from '../report.js';

const rawScan = (file: string): { rows: number; ms: number } => {
  const db = new Database(file, { readonly: true });
  try {
    const start = performance.now();
    let rows = 0;
    for (const _row of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE sync_state <> 'set-aside' ORDER BY position`).iterate()) rows += 1;
    return { rows, ms: performance.now() - start };
  } finally {
    db.close();
  }
};

export const rebuildBench: Bench = (context) => {
  const dataDir = context.copyDesk();
  const file = path.join(dataDir, DATABASE_FILE);
  const scans = [rawScan(file)];
  const store = openDeskStore({ dataDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: () => new Date() });
  let events = 0;
  const rebuild = (): number => {
    const start = performance.now();
    store.events.projections.rebuildAll((done, total) => {
      events = done;
      context.progress('rebuilding every read model', done, total);
    });
    return performance.now() - start;
  };
  let took: number;
  try {
    took = rebuild();
  } finally {
    store.close();
  }
  scans.push(rawScan(file));
  const scanRate = scans.reduce((sum, scan) => sum + (scan.rows / scan.ms) * 1000, 0) / scans.length;
  const rate = (events / took) * 1000;
  return Promise.resolve([
    {
      goal: 5,
      name: `rebuild every read model (${(events / 1e6).toFixed(2)}M events), progress shown`,
      figure: { value: rate, unit: 'events/s', detail: `${(took / 1000).toFixed(1)} s in one transaction` },
      baseline: { name: 'raw full scan of the events table', value: scanRate, unit: 'rows/s', detail: `mean of a scan before and after: ${scans.map((scan) => `${(scan.ms / 1000).toFixed(2)} s`).join(', ')}` },
      ratio: rate / scanRate,
      target: { of: 'ratio', atLeast: 0.5, text: '≥ 0.5 of the scan' },
    } satisfies Row,
  ]);
};
