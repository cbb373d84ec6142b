import type { Decider, StreamDefinition } from '../../eventsourcing/index.js';
import { flagVisitAnomaly } from './anomaly.js';
import { visitIntentAlreadyHolds } from './already-holds.js';
import type { VisitCommand } from './commands.js';
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

const intent = { kind: 'intent', startsStream: false } as const;
const observation = { kind: 'observation', startsStream: false } as const;

/**
 * The visit stream: one patient's visit from reservation (or walk-in) to check-out. Intents are
 * plans a rebase may turn into conflicts; observations record what physically happened and
 * always go in (DESIGN §3, §7).
 */
export const visitStream: StreamDefinition<VisitState, VisitCommand, VisitEvent> = {
  streamType: 'visit',
  decider: visitDecider,
  commands: {
    Reserve: { kind: 'intent', startsStream: true },
    Reschedule: intent,
    CancelReservation: intent,
    MarkNoShow: intent,
    // A plan for who will see the patient, not a physical fact.
    AssignDoctor: intent,
    ChangeProcedurePlan: intent,
    CheckIn: observation,
    RegisterWalkIn: { kind: 'observation', startsStream: true },
    AbandonVisit: observation,
    StartConsultation: observation,
    CompleteConsultation: observation,
    StartProcedure: observation,
    CompleteProcedure: observation,
    SkipProcedure: observation,
    TakePhotos: observation,
    StartSoothingCare: observation,
    CompleteSoothingCare: observation,
    RecordPayment: observation,
    RefundPayment: observation,
    CheckOut: observation,
    AddMemo: observation,
  },
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
    AnomalyFlagged: 1,
  },
  // A busy visit has 20–40 events; a snapshot every 20 keeps a rehydrate short. Bump
  // schemaVersion whenever VisitState's shape changes.
  snapshot: { schemaVersion: 1, every: 20 },
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
