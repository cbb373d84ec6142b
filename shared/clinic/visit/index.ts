import type { Decider, StreamDefinition } from '../../eventsourcing/index.js';
import { flagVisitAnomaly } from './anomaly.js';
import { visitIntentAlreadyHolds } from './already-holds.js';
import { visitCommandSpecs, type VisitCommand } from './commands.js';
import { decideVisit } from './decide.js';
import type { VisitEvent } from './events.js';
import { evolveVisit } from './evolve.js';
import { recordVisitObservation } from './record.js';
import { initialVisitState, type VisitState } from './state.js';

export const visitDecider: Decider<VisitState, VisitCommand, VisitEvent> = {
  initialState: initialVisitState,
  decide: decideVisit,
  evolve: evolveVisit,
};

/**
 * The visit stream: one patient's visit from reservation (or walk-in) to check-out. Which commands
 * are intents and which observations is said once, in visitCommandSpecs (commands.ts).
 */
export const visitStream: StreamDefinition<VisitState, VisitCommand, VisitEvent> = {
  streamType: 'visit',
  decider: visitDecider,
  commands: visitCommandSpecs,
  events: {
    Reserved: 1,
    Rescheduled: 1,
    ReservationCanceled: 1,
    NoShowMarked: 1,
    CheckedIn: 1,
    WalkInRegistered: 1,
    VisitAbandoned: 1,
    DoctorAssigned: 1,
    ConsultationStarted: 1,
    ConsultationCompleted: 1,
    ProcedurePlanChanged: 1,
    ProcedureStarted: 1,
    ProcedureCompleted: 1,
    ProcedureSkipped: 1,
    PhotosTaken: 1,
    SoothingCareStarted: 1,
    SoothingCareCompleted: 1,
    PaymentRecorded: 1,
    PaymentRefunded: 1,
    CheckedOut: 1,
    MemoAdded: 1,
    ConsentRecorded: 1,
    AnomalyFlagged: 1,
  },
  // A busy visit has 20–40 events; a snapshot every 20 keeps a rehydrate short. Bump
  // schemaVersion whenever VisitState's shape changes.
  snapshot: { schemaVersion: 3, every: 20 },
  record: recordVisitObservation,
  flagAnomaly: flagVisitAnomaly,
  alreadyHolds: visitIntentAlreadyHolds,
};

export { balanceOf, initialVisitState } from './state.js';
export type { PlanItemState, PlanItemStatus, VisitState, VisitStatus } from './state.js';
export { decideVisit } from './decide.js';
export { evolveVisit } from './evolve.js';
export { recordVisitObservation } from './record.js';
export { flagVisitAnomaly } from './anomaly.js';
export * from './commands.js';
export * from './events.js';
