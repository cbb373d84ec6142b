import type { VisitState } from '../../../shared/clinic/visit/state.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';

/**
 * A visit as the read model folded it. For a stream that holds an event this build cannot read,
 * this is the best the desk can show: the state of everything it did understand.
 */
export const visitRecordQuery = (db: ReadableDb) => {
  const row = db.prepare<[string], { state: string; version: number }>('SELECT state, version FROM read_visits WHERE visit_id = ?');
  return (visitId: string): { state: VisitState; version: number } | undefined => {
    const found = row.get(visitId);
    return found ? { state: JSON.parse(found.state) as VisitState, version: found.version } : undefined;
  };
};
