/**
 * Rules across streams that an offline desk cannot enforce, found and shown to people instead:
 * a doctor booked twice at overlapping times, one person registered twice (same name and phone;
 * the older record survives a merge), a clinic left without an active manager (two offline desks
 * each removed one), and anomalies recorded during a rebase.
 */
import type { Warning } from '../../../shared/contract/desk-views.js';
import { normalInstant } from '../read-models/clinic-time.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { earliestStartFor } from './schedule.js';

/**
 * Each overlapping pair is found once, from the visit that starts first (ties by id): the inner
 * search is bounded to [a.start_at, a.end_at), and the outer one below by `earliest` (no slot is
 * longer than MAX_RESERVATION_MS), so both seek the (doctor_id, start_at) index.
 */
export const DOUBLE_BOOKED_SQL = `
  SELECT a.doctor_id, d.name AS doctor_name, a.visit_id AS a, b.visit_id AS b,
         max(a.start_at, b.start_at) AS from_at, min(a.end_at, b.end_at) AS to_at
  FROM read_visits a
  JOIN read_visits b ON b.doctor_id = a.doctor_id
    AND b.start_at >= a.start_at AND b.start_at < a.end_at
    AND (b.start_at > a.start_at OR b.visit_id > a.visit_id)
  LEFT JOIN read_staff d ON d.staff_id = a.doctor_id
  WHERE a.doctor_id IS NOT NULL AND a.start_at > @earliest AND a.start_at < @to AND a.end_at > @from
    AND a.stage IN ('reserved', 'waiting', 'consultation', 'procedure', 'soothing-care', 'payment')
    AND b.stage IN ('reserved', 'waiting', 'consultation', 'procedure', 'soothing-care', 'payment')
  ORDER BY a.start_at, a.visit_id, b.visit_id`;

export const warningsQuery = (db: ReadableDb) => {
  const doubleBooked = db.prepare<
    { from: string; to: string; earliest: string },
    { doctor_id: string; doctor_name: string | null; a: string; b: string; from_at: string; to_at: string }
  >(DOUBLE_BOOKED_SQL);
  const duplicates = db.prepare<[], { name: string; phone: string; ids: string }>(
    `SELECT name, min(phone) AS phone, group_concat(patient_id, ',') AS ids
     FROM read_patients WHERE merged_into IS NULL
     GROUP BY name, phone_digits HAVING count(*) > 1 ORDER BY name`,
  );
  const staffCounts = db.prepare<[], { staff: number; managers: number }>(
    "SELECT count(*) AS staff, count(*) FILTER (WHERE active = 1 AND role = 'manager') AS managers FROM read_staff",
  );
  const anomalies = db.prepare<
    { from: string; to: string },
    { visit_id: string; patient_id: string | null; rule: string; detail: string; at: string }
  >(
    `SELECT a.visit_id, v.patient_id, a.rule, a.detail, a.at
     FROM read_anomalies a LEFT JOIN read_visits v ON v.visit_id = a.visit_id
     WHERE a.at >= @from AND a.at < @to ORDER BY a.at, a.visit_id, a.version`,
  );

  return (range: { from: string; to: string }): Warning[] => {
    const bounds = { from: normalInstant(range.from), to: normalInstant(range.to) };
    const warnings: Warning[] = [];
    for (const row of doubleBooked.all({ ...bounds, earliest: earliestStartFor(bounds.from) })) {
      warnings.push({
        kind: 'doctor-double-booked',
        doctorId: row.doctor_id,
        doctorName: row.doctor_name,
        visitIds: [row.a, row.b],
        from: row.from_at,
        to: row.to_at,
      });
    }
    for (const row of duplicates.all()) {
      // UUIDv7 sorts by creation time: the smallest id is the oldest record, the survivor.
      const [survivor, ...others] = row.ids.split(',').sort();
      for (const other of others) {
        warnings.push({ kind: 'duplicate-patient', patientIds: [survivor as string, other], name: row.name, phone: row.phone, survivor: survivor as string });
      }
    }
    const staff = staffCounts.get();
    if (staff && staff.staff > 0 && staff.managers === 0) warnings.push({ kind: 'no-active-manager', staffCount: staff.staff });
    for (const row of anomalies.all(bounds)) {
      warnings.push({ kind: 'anomaly', visitId: row.visit_id, patientId: row.patient_id, rule: row.rule, detail: row.detail, at: row.at });
    }
    return warnings;
  };
};
