/**
 * The desk's range queries must seek their index, never read all of history: a clinic's log
 * grows for years and DeskCore answers on the Electron main process. Checked on SQLite's own
 * query plans, which a result-only test at any size cannot see.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSql } from '../../src-main/core/queries/audit-query.js';
import { DAY_BOARD_SQL } from '../../src-main/core/queries/day-board.js';
import { PATIENTS_BY_KEY_SQL } from '../../src-main/core/queries/patient-search.js';
import { SCHEDULE_BY_DOCTOR_SQL, SCHEDULE_SQL } from '../../src-main/core/queries/schedule.js';
import { VISIT_ROW_COLUMNS } from '../../src-main/core/queries/visit-rows.js';
import { DOUBLE_BOOKED_SQL } from '../../src-main/core/queries/warnings.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { openTestDesk, type TestDesk } from '../support/desk-harness.js';

let desk: TestDesk;
let db: Database.Database;

beforeAll(async () => {
  desk = await openTestDesk();
  db = new Database(path.join(desk.dataDir, DATABASE_FILE), { readonly: true });
});

afterAll(async () => {
  db.close();
  await desk.close();
});

const plan = (sql: string, params: Record<string, unknown>): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('\n');

const range = { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z', earliest: '2026-11-24T00:00:00.000Z' };

describe('query plans', () => {
  it.each([
    // read_visits is clustered by (anchor_at, visit_id): a day is one range of the table itself
    ['day board', DAY_BOARD_SQL, { from: range.from, to: range.to }, /SEARCH v USING PRIMARY KEY \(anchor_at>\? AND anchor_at<\?\)/],
    ['schedule', SCHEDULE_SQL, range, /SEARCH v USING INDEX read_visits_by_slot \(start_at>\? AND start_at<\?\)/],
    ['schedule of a doctor', SCHEDULE_BY_DOCTOR_SQL, { ...range, doctor: 'd' }, /SEARCH v USING INDEX read_visits_by_doctor \(doctor_id=\? AND start_at>\? AND start_at<\?\)/],
    ['double bookings', DOUBLE_BOOKED_SQL, range, /SEARCH a USING INDEX read_visits_by_slot \(start_at>\? AND start_at<\?\)/],
  ])('%s seeks a bounded range of read_visits', (_name, sql, params, expected) => {
    const detail = plan(sql, params);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN (v|a|b)\b/);
  });

  it.each([
    ['day board', DAY_BOARD_SQL],
    ['schedule', SCHEDULE_SQL],
    ['schedule of a doctor', SCHEDULE_BY_DOCTOR_SQL],
  ])('%s hands its rows over in VisitRow`s column order (read as arrays)', (_name, sql) => {
    expect(db.prepare(sql).columns().map((column) => column.name)).toEqual([...VISIT_ROW_COLUMNS]);
  });

  const auditParams = { from: '', until: '9999', cursor_at: '9999', cursor_position: 1, limit: 10 };
  it.each([
    // read_audit is clustered by (at, position): the whole trail is a range of the table itself
    ['the audit trail', false, false, auditParams, /SEARCH a USING PRIMARY KEY \(at>\? AND at<\?\)/],
    ['one staff member`s trail', true, false, { ...auditParams, staff_id: 's' }, /SEARCH a USING INDEX read_audit_by_staff \(staff_id=\? AND at>\? AND at<\?\)/],
    ['one patient`s trail', false, true, { ...auditParams, patient_id: 'p' }, /SEARCH a USING INDEX read_audit_by_patient \(patient_id=\? AND at>\? AND at<\?\)/],
  ])('%s seeks its index', (_name, byStaff, byPatient, params, expected) => {
    const detail = plan(auditSql(byStaff, byPatient), params);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN a\b/);
    // what each entry says comes from its event, sought by position
    expect(detail).toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(detail).not.toMatch(/SCAN e\b/);
    // read in the index's order: a patient with years of visits is not sorted before the first page
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it.each(['name', 'initials', 'phone'])('patient search by %s seeks its keys and never scans every patient', (kind) => {
    const detail = plan(PATIENTS_BY_KEY_SQL, { kind, from: '김', to: '김\u{10FFFF}' });
    expect(detail).toMatch(/SEARCH read_patient_keys USING PRIMARY KEY \(kind=\? AND key>\? AND key<\?\)/);
    expect(detail).toMatch(/SEARCH read_patients USING PRIMARY KEY \(patient_id=\?\)/);
    expect(detail).not.toMatch(/SCAN read_patients?\b/);
  });
});
