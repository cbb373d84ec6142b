import type { BoardVisit, ScheduledVisit, VisitStage } from '../../../shared/contract/desk-views.js';

/**
 * read_visits joined with the names of its patient and doctor. A merged patient shows as the
 * record it was merged into, followed up to three merges deep (A → B → C → D); search follows
 * longer chains, which a clinic does not make in practice.
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

export interface VisitRow {
  visit_id: string;
  patient_id: string;
  doctor_id: string | null;
  stage: VisitStage;
  start_at: string | null;
  end_at: string | null;
  checked_in_at: string | null;
  checked_out_at: string | null;
  channel: string | null;
  purpose: string | null;
  balance: number;
  received: number;
  plan_done: number;
  plan_total: number;
  anomalies: number;
  version: number;
  patient_name: string | null;
  chart_number: string | null;
  doctor_name: string | null;
}

export const boardVisitOf = (row: VisitRow): BoardVisit => ({
  visitId: row.visit_id,
  patientId: row.patient_id,
  patientName: row.patient_name,
  chartNumber: row.chart_number,
  doctorId: row.doctor_id,
  doctorName: row.doctor_name,
  stage: row.stage,
  channel: row.channel,
  purpose: row.purpose,
  startAt: row.start_at,
  endAt: row.end_at,
  checkedInAt: row.checked_in_at,
  checkedOutAt: row.checked_out_at,
  balance: row.balance,
  received: row.received,
  planDone: row.plan_done,
  planTotal: row.plan_total,
  anomalies: row.anomalies,
  version: row.version,
});

export const scheduledVisitOf = (row: VisitRow): ScheduledVisit => ({
  visitId: row.visit_id,
  patientId: row.patient_id,
  patientName: row.patient_name,
  doctorId: row.doctor_id,
  doctorName: row.doctor_name,
  startAt: row.start_at ?? '',
  endAt: row.end_at ?? '',
  stage: row.stage,
});
