/**
 * Goal 5: rebuilding every read model from the whole log (what a changed read model costs once,
 * when the desk opens), with its progress shown while it runs, on a copy of desk A's year. Beside
 * it: a raw full scan of the events table (every live row, every column, in position order),
 * before and after the rebuild. Goal: events/s ≥ 0.5 of the scan's rows/s.
 *
 * Two floor rows say what ratio this machine allows at best: the parts no rebuild can skip,
 * measured alone on the same copy after the rebuild. Reading and parsing every event (the scan
 * plus JSON.parse of its data and meta), and inserting the audit trail's rows (one per event,
 * three b-trees) into an empty table with its indexes, one statement a row in log order as the
 * rebuild does, inside a transaction rolled back.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import { EVENT_COLUMNS, type EventRow } from '../../src-main/core/store/event-rows.js';
import { REBUILD_CACHE_KIB } from '../../src-main/core/store/projection-set.js';
import { auditTrailProjection } from '../../src-main/core/read-models/audit-trail.js';
import type { Bench } from '../context.js';
import type { Row } from '../report.js';

/** Every live row, every column, in position order; `parse`: with its data and meta parsed, as the rebuild's reading does (envelopeOf). */
const rawScan = (file: string, parse = false): { rows: number; ms: number } => {
  const db = new Database(file, { readonly: true });
  try {
    const start = performance.now();
    let rows = 0;
    for (const row of db.prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE sync_state <> 'set-aside' ORDER BY position`).iterate()) {
      if (parse) {
        JSON.parse(row.data);
        JSON.parse(row.meta);
      }
      rows += 1;
    }
    return { rows, ms: performance.now() - start };
  } finally {
    db.close();
  }
};

type AuditRow = [at: string, position: number, staffId: string | null, patientId: string | null];

/**
 * The rebuilt audit trail's rows inserted again, alone, into an empty copy of its table and
 * indexes (read_audit's own DDL), in log order, with the rebuild's page cache; rolled back.
 */
const auditInsertsAlone = (file: string): { rows: number; ms: number } => {
  const db = new Database(file);
  try {
    db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    const rows = db.prepare<[], AuditRow>('SELECT at, position, staff_id, patient_id FROM read_audit').raw().all();
    rows.sort((a, b) => a[1] - b[1]);
    const schema = auditTrailProjection.schema.replaceAll('read_audit', 'floor_audit');
    db.exec('BEGIN');
    try {
      db.exec(schema);
      const insert = db.prepare<AuditRow>('INSERT INTO floor_audit (at, position, staff_id, patient_id) VALUES (?, ?, ?, ?)');
      const start = performance.now();
      for (const row of rows) insert.run(...row);
      return { rows: rows.length, ms: performance.now() - start };
    } finally {
      db.exec('ROLLBACK');
    }
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
  const parsed = rawScan(file, true);
  const audit = auditInsertsAlone(file);
  const scanRate = scans.reduce((sum, scan) => sum + (scan.rows / scan.ms) * 1000, 0) / scans.length;
  // The floors run right after the second scan, on a warm cache: that scan is their baseline.
  const warmScan = scans[1] as { rows: number; ms: number };
  const warmRate = (warmScan.rows / warmScan.ms) * 1000;
  const floorRow = (name: string, part: { rows: number; ms: number }, parts: readonly { ms: number }[]): Row => {
    const value = (part.rows / part.ms) * 1000;
    return {
      goal: 5,
      name,
      figure: { value, unit: 'events/s', detail: parts.map((one) => `${(one.ms / 1000).toFixed(1)} s`).join(' + ') },
      baseline: { name: 'the raw scan after the rebuild', value: warmRate, unit: 'rows/s', detail: `${(warmScan.ms / 1000).toFixed(2)} s` },
      ratio: value / warmRate,
      note: 'the best ratio a rebuild could reach here if it did only this',
    };
  };
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
    floorRow('floor: reading and parsing every event (the scan + JSON.parse of data and meta)', parsed, [parsed]),
    floorRow("floor: the audit trail's rows alone, inserted into an empty table with its two indexes", audit, [audit]),
    floorRow('floor: both, one after the other (what no rebuild can skip)', { rows: events, ms: parsed.ms + audit.ms }, [parsed, audit]),
  ]);
};
