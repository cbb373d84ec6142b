/** Visit events and histories ("given") for the visit's decider tests. */
import type { PaymentMethod } from '../values.js';
import type { PlanItem, VisitEvent, VisitEventOf } from '../visit/events.js';
import { evolveVisit } from '../visit/evolve.js';
import { initialVisitState, type VisitState } from '../visit/state.js';
import { COUNSELOR_ID, DOCTOR_ID, NOW, PATIENT_ID, at } from './commands.js';

export const item = (itemId: string, name: string, price: number, discount = 0): PlanItem => ({ itemId, name, price, discount });

export const reserved = (data: Partial<VisitEventOf<'Reserved'>['data']> = {}): VisitEvent => ({
  type: 'Reserved',
  data: { patientId: PATIENT_ID, startAt: at('01:00'), endAt: at('01:30'), channel: 'phone', ...data },
});
export const checkedIn = (channel: 'kiosk' | 'desk' = 'desk', when = at('00:55')): VisitEvent => ({
  type: 'CheckedIn',
  data: { channel, at: when },
});
export const walkedIn = (plan?: PlanItem[], when = at('00:50')): VisitEvent => ({
  type: 'WalkInRegistered',
  data: { patientId: PATIENT_ID, ...(plan ? { plan } : {}), at: when },
});
export const canceled: VisitEvent = { type: 'ReservationCanceled', data: { reason: 'patient called' } };
export const noShow: VisitEvent = { type: 'NoShowMarked', data: {} };
export const abandoned: VisitEvent = { type: 'VisitAbandoned', data: { reason: 'could not wait' } };
export const consultationStarted: VisitEvent = { type: 'ConsultationStarted', data: { consultantId: COUNSELOR_ID } };
export const consultationCompleted = (plan: PlanItem[]): VisitEvent => ({ type: 'ConsultationCompleted', data: { plan } });
export const planChanged = (plan: PlanItem[]): VisitEvent => ({ type: 'ProcedurePlanChanged', data: { plan } });
export const procedureStarted = (itemId: string, performedBy = DOCTOR_ID): VisitEvent => ({
  type: 'ProcedureStarted',
  data: { itemId, performedBy },
});
export const procedureCompleted = (itemId: string): VisitEvent => ({ type: 'ProcedureCompleted', data: { itemId } });
export const procedureSkipped = (itemId: string, reason = 'redness'): VisitEvent => ({
  type: 'ProcedureSkipped',
  data: { itemId, reason },
});
export const soothingStarted: VisitEvent = { type: 'SoothingCareStarted', data: {} };
export const soothingCompleted: VisitEvent = { type: 'SoothingCareCompleted', data: {} };
export const paid = (amount: number, method: PaymentMethod = 'card'): VisitEvent => ({ type: 'PaymentRecorded', data: { amount, method } });
export const refunded = (amount: number): VisitEvent => ({ type: 'PaymentRefunded', data: { amount } });
export const checkedOut = (when = NOW): VisitEvent => ({ type: 'CheckedOut', data: { at: when } });
export const consentRecorded = (form = 'Botox consent', formVersion = '2026-01'): VisitEvent => ({
  type: 'ConsentRecorded',
  data: { form, formVersion },
});

/** Botox 200,000 and laser toning 100,000 with 20,000 off: 280,000 KRW. */
export const PLAN: PlanItem[] = [item('1', 'Botox', 200_000), item('2', 'Laser toning', 100_000, 20_000)];
export const PLAN_TOTAL = 280_000;

export const whenReserved: VisitEvent[] = [reserved()];
export const whenCheckedIn: VisitEvent[] = [reserved(), checkedIn()];
export const whenConsulting: VisitEvent[] = [...whenCheckedIn, consultationStarted];
/** Checked in, consultation completed with PLAN, nothing done yet. */
export const whenPlanned: VisitEvent[] = [...whenConsulting, consultationCompleted(PLAN)];
/** PLAN done and paid in full. */
export const whenReadyToLeave: VisitEvent[] = [
  ...whenPlanned,
  procedureStarted('1'),
  procedureCompleted('1'),
  procedureStarted('2'),
  procedureCompleted('2'),
  paid(PLAN_TOTAL),
];
export const whenCheckedOut: VisitEvent[] = [...whenReadyToLeave, checkedOut()];

/** Every way a visit ends, by name, for tables of VISIT_CLOSED. */
export const closedVisits: Record<string, VisitEvent[]> = {
  canceled: [reserved(), canceled],
  'a no-show': [reserved(), noShow],
  abandoned: [...whenCheckedIn, abandoned],
  'checked out': whenCheckedOut,
};

/** The visit's state after these events. */
export const visitStateOf = (events: readonly VisitEvent[]): VisitState => events.reduce(evolveVisit, initialVisitState());
