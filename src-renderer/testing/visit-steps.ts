/**
 * Visit events for the renderer's tests of the history and time travel, and the state after them
 * through the visit's own evolve (shared/clinic/testing is outside the renderer's project).
 */
import type { PlanItem, VisitEvent } from '../../shared/clinic/visit/events.js';
import { evolveVisit } from '../../shared/clinic/visit/evolve.js';
import { initialVisitState, type VisitState } from '../../shared/clinic/visit/state.js';

const PATIENT_ID = '0190f5d2-9c1e-7a3b-8c4d-000000000101';
const COUNSELOR_ID = '0190f5d2-9c1e-7a3b-8c4d-000000000003';
const DOCTOR_ID = '0190f5d2-9c1e-7a3b-8c4d-000000000004';

export const item = (itemId: string, name: string, price: number, discount = 0): PlanItem => ({ itemId, name, price, discount });

export const step = {
  reserved: (purpose?: string): VisitEvent => ({
    type: 'Reserved',
    data: { patientId: PATIENT_ID, startAt: '2026-12-01T05:30:00.000Z', endAt: '2026-12-01T06:00:00.000Z', channel: 'phone', ...(purpose ? { purpose } : {}) },
  }),
  checkedIn: (): VisitEvent => ({ type: 'CheckedIn', data: { channel: 'desk', at: '2026-12-01T05:28:00.000Z' } }),
  consultationStarted: (): VisitEvent => ({ type: 'ConsultationStarted', data: { consultantId: COUNSELOR_ID } }),
  consultationCompleted: (plan: PlanItem[]): VisitEvent => ({ type: 'ConsultationCompleted', data: { plan } }),
  procedureStarted: (itemId: string): VisitEvent => ({ type: 'ProcedureStarted', data: { itemId, performedBy: DOCTOR_ID } }),
  procedureCompleted: (itemId: string): VisitEvent => ({ type: 'ProcedureCompleted', data: { itemId } }),
  paid: (amount: number): VisitEvent => ({ type: 'PaymentRecorded', data: { amount, method: 'card' } }),
  checkedOut: (): VisitEvent => ({ type: 'CheckedOut', data: { at: '2026-12-01T07:00:00.000Z' } }),
};

export const visitStateOf = (events: readonly VisitEvent[]): VisitState => events.reduce(evolveVisit, initialVisitState());
