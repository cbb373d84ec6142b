import type { BoardVisit, ScheduledVisit, VisitStage } from '../../../shared/contract/desk-views.js';

/**
 * read_visits joined with the names of its patient and doctor. A merged patient shows as the
 * record it was merged into, followed up to three merges deep (A → B → C → D); search follows
 * longer chains, which a clinic does not make in practice.
 *
 * Statements over it run in raw mode (`.raw()`): better-sqlite3 then hands each row over as an
 * array in this column order (`VisitRow`), half the cost of the object it would build per row —
 * the day board's 250 rows are most of its time.
 */
export const VISIT_SELECT = `
  SELECT v.visit_id, v.patient_id, v.doctor_id, v.stage, v.start_at, v.end_at, v.checked_in_at, v.checked_out_at,
         v.channel, v.purpose, v.balance,
         v.received,
         v.plan_done, v.plan_total, v.anomalies, v.version,
         coalesce(m3.name, m2.name, m1.name, p.name) AS patient_name,
         coalesce(m3.chart_number, m2.chart_number, m1.chart_number, p.chart_number) AS chart_number,
         d.name AS doctor_name
  FROM read_visits v
  LEFT JOIN read_patients p ON p.patient_id = v.patient_id
  LEFT JOIN read_patients m1 ON m1.patient_id = p.merged_into
  LEFT JOIN read_patients m2 ON m2.patient_id = m1.merged_into
  LEFT JOIN read_patients m3 ON m3.patient_id = m2.merged_into
  LEFT JOIN read_staff d ON d.staff_id = v.doctor_id`;

/** A row of VISIT_SELECT in raw mode: its columns in order. */
export type VisitRow = readonly [
  visitId: string,
  patientId: string,
  doctorId: string | null,
  stage: VisitStage,
  startAt: string | null,
  endAt: string | null,
  checkedInAt: string | null,
  checkedOutAt: string | null,
  channel: string | null,
  purpose: string | null,
  balance: number,
  received: number,
  planDone: number,
  planTotal: number,
  anomalies: number,
  version: number,
  patientName: string | null,
  chartNumber: string | null,
  doctorName: string | null,
];

/** VISIT_SELECT's column names in VisitRow's order (a test holds the two together). */
export const VISIT_ROW_COLUMNS = [
  'visit_id', 'patient_id', 'doctor_id', 'stage', 'start_at', 'end_at', 'checked_in_at', 'checked_out_at', 'channel', 'purpose',
  'balance', 'received', 'plan_done', 'plan_total', 'anomalies', 'version', 'patient_name', 'chart_number', 'doctor_name',
] as const;

export const boardVisitOf = (row: VisitRow): BoardVisit => ({
  visitId: row[0],
  patientId: row[1],
  patientName: row[16],
  chartNumber: row[17],
  doctorId: row[2],
  doctorName: row[18],
  stage: row[3],
  channel: row[8],
  purpose: row[9],
  startAt: row[4],
  endAt: row[5],
  checkedInAt: row[6],
  checkedOutAt: row[7],
  balance: row[10],
  received: row[11],
  planDone: row[12],
  planTotal: row[13],
  anomalies: row[14],
  version: row[15],
});

export const scheduledVisitOf = (row: VisitRow): ScheduledVisit => ({
  visitId: row[0],
  patientId: row[1],
  patientName: row[16],
  doctorId: row[2],
  doctorName: row[18],
  startAt: row[4] ?? '',
  endAt: row[5] ?? '',
  stage: row[3],
});
