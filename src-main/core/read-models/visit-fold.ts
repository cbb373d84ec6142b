/**
 * A visit's state folded from its own stream in the log, as the visits read model folds it event
 * by event: every event this build reads, in version order, the kernel's conflict events left out
 * (they change no domain state), an event it cannot read skipped. The read model keeps recent
 * states in memory and folds from here when it has none; a visit holding an event this build
 * cannot read is shown from here too.
 */
import { clinicRegistry } from '../../../shared/clinic/registry.js';
import type { VisitState } from '../../../shared/clinic/visit/state.js';
import { isConflictEventType } from '../../../shared/eventsourcing/index.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';

const visitDecider = (() => {
  const definition = clinicRegistry.definition('visit');
  if (!definition) throw new Error('The clinic registry has no visit stream');
  return definition.decider;
})();

export const initialVisitState = (): VisitState => visitDecider.initialState() as VisitState;

/** One event folded in, when this build reads it (a visit event, not a conflict event); else the state as it was. */
export const evolveVisitWith = (state: VisitState, event: { readonly type: string; readonly data: unknown }): VisitState =>
  visitDecider.evolve(state, event) as VisitState;

interface Row {
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
}

/** Folds a visit's live events below `beforeVersion` (all when absent); `version` is the last one folded, 0 for none. */
export const visitFolder = (db: ReadableDb) => {
  const rows = db.prepare<[string, number], Row>(
    `SELECT version, type, schema_version, data FROM events
     WHERE stream_id = ? AND version < ? AND sync_state <> 'set-aside' ORDER BY version`,
  );
  return (visitId: string, beforeVersion = Number.MAX_SAFE_INTEGER): { state: VisitState; version: number } => {
    let state = initialVisitState();
    let version = 0;
    for (const row of rows.all(visitId, beforeVersion)) {
      const read = clinicRegistry.read({
        eventId: '',
        streamType: 'visit',
        streamId: visitId,
        version: row.version,
        type: row.type,
        schemaVersion: row.schema_version,
        data: JSON.parse(row.data) as unknown,
        meta: { commandId: '', processId: '', initiator: '', predecessorId: '', deviceId: '', raisedAt: '', appVersion: '' },
      });
      if (!read.known || isConflictEventType(read.event.type)) continue;
      state = evolveVisitWith(state, read.event);
      version = row.version;
    }
    return { state, version };
  };
};
