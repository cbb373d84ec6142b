import type { VisitState } from '../../../shared/clinic/visit/state.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { visitFolder } from '../read-models/visit-fold.js';

/**
 * A visit as the read model folds it, from its stream in the log. For a stream that holds an
 * event this build cannot read, this is the best the desk can show: the state of everything it
 * did understand.
 */
export const visitRecordQuery = (db: ReadableDb) => {
  const fold = visitFolder(db);
  return (visitId: string): { state: VisitState; version: number } | undefined => {
    const folded = fold(visitId);
    return folded.version > 0 ? folded : undefined;
  };
};
