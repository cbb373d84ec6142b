import type { DayBoard, VisitStage } from '../../../shared/contract/desk-views.js';
import { clinicDayRange } from '../read-models/clinic-time.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { boardVisitOf, VISIT_SELECT, type VisitRow } from './visit-rows.js';

const STAGES: readonly VisitStage[] = [
  'reserved',
  'waiting',
  'consultation',
  'procedure',
  'soothing-care',
  'payment',
  'checked-out',
  'canceled',
  'no-show',
  'abandoned',
];

/** The visits of one clinic day (reservation start, or check-in for walk-ins) in the clinic's zone. */
export const DAY_BOARD_SQL = `${VISIT_SELECT} WHERE v.anchor_at >= @from AND v.anchor_at < @to ORDER BY v.anchor_at, v.visit_id`;

export const dayBoardQuery = (db: ReadableDb) => {
  const visits = db.prepare<{ from: string; to: string }, VisitRow>(DAY_BOARD_SQL).raw();
  return (date: string, timeZone: string): DayBoard => {
    const { from, to } = clinicDayRange(date, timeZone);
    const rows = visits.all({ from, to }).map(boardVisitOf);
    const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<VisitStage, number>;
    for (const visit of rows) counts[visit.stage] += 1;
    return { date, timeZone, visits: rows, counts };
  };
};
