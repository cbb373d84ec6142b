import { MAX_RESERVATION_MS } from '../../../shared/clinic/visit/decide.js';
import type { ScheduledVisit } from '../../../shared/contract/desk-views.js';
import { normalInstant } from '../read-models/clinic-time.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { scheduledVisitOf, VISIT_SELECT, type VisitRow } from './visit-rows.js';

/**
 * "All reservations from A to B": a reservation is in [from, to) when it starts before `to` and
 * ends after `from`, so one ending exactly at `from` is not included. Canceled ones are left out.
 * A reservation is at most MAX_RESERVATION_MS long, so one that ends after `from` started after
 * `from` − that: the lower bound lets SQLite seek the slot index instead of reading all history.
 */
export const SCHEDULE_SQL = `${VISIT_SELECT}
  WHERE v.start_at > @earliest AND v.start_at < @to AND v.end_at > @from AND v.stage <> 'canceled'
  ORDER BY v.start_at, v.visit_id`;

export const SCHEDULE_BY_DOCTOR_SQL = `${VISIT_SELECT}
  WHERE v.doctor_id = @doctor AND v.start_at > @earliest AND v.start_at < @to AND v.end_at > @from AND v.stage <> 'canceled'
  ORDER BY v.start_at, v.visit_id`;

/** The earliest start of a reservation that can still overlap `from`. */
export const earliestStartFor = (from: string): string => new Date(Date.parse(from) - MAX_RESERVATION_MS).toISOString();

type Params = { from: string; to: string; earliest: string; doctor?: string };

export const scheduleQuery = (db: ReadableDb) => {
  const all = db.prepare<Params, VisitRow>(SCHEDULE_SQL).raw();
  const byDoctor = db.prepare<Params, VisitRow>(SCHEDULE_BY_DOCTOR_SQL).raw();
  return (range: { from: string; to: string; doctorId?: string | undefined }): ScheduledVisit[] => {
    const from = normalInstant(range.from);
    const params = { from, to: normalInstant(range.to), earliest: earliestStartFor(from) };
    const rows = range.doctorId ? byDoctor.all({ ...params, doctor: range.doctorId }) : all.all(params);
    return rows.map(scheduledVisitOf);
  };
};
