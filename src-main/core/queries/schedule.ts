import type { ScheduledVisit } from '../../../shared/contract/desk-views.js';
import { normalInstant } from '../read-models/clinic-time.js';
import type { ReadableDb } from '../store/sqlite.js';
import { scheduledVisitOf, VISIT_SELECT, type VisitRow } from './visit-rows.js';

/**
 * "All reservations from A to B": a reservation is in [from, to) when it starts before `to` and
 * ends after `from`, so one ending exactly at `from` is not included. Canceled ones are left out.
 */
export const scheduleQuery = (db: ReadableDb) => {
  const all = db.prepare<[string, string], VisitRow>(
    `${VISIT_SELECT} WHERE v.start_at IS NOT NULL AND v.start_at < ? AND v.end_at > ? AND v.stage NOT IN ('canceled')
     ORDER BY v.start_at, v.visit_id`,
  );
  const byDoctor = db.prepare<[string, string, string], VisitRow>(
    `${VISIT_SELECT} WHERE v.doctor_id = ? AND v.start_at < ? AND v.end_at > ? AND v.stage NOT IN ('canceled')
     ORDER BY v.start_at, v.visit_id`,
  );
  return (range: { from: string; to: string; doctorId?: string | undefined }): ScheduledVisit[] => {
    const from = normalInstant(range.from);
    const to = normalInstant(range.to);
    const rows = range.doctorId ? byDoctor.all(range.doctorId, to, from) : all.all(to, from);
    return rows.map(scheduledVisitOf);
  };
};
