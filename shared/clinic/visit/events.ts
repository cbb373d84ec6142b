import type { PaymentMethod } from '../values.js';

/**
 * Visit events: facts, in the past tense. Each carries what a reader needs without replaying
 * commands; the actor and time are in the envelope's meta (initiator, raisedAt).
 */

export interface PlanItem {
  /** Stable within the visit: "1", "2", … in the order items were first planned. */
  readonly itemId: string;
  readonly name: string;
  readonly price: number;
  readonly discount: number;
}

export type VisitEvent =
  | {
      type: 'Reserved';
      data: {
        patientId: string;
        startAt: string;
        endAt: string;
        doctorId?: string;
        purpose?: string;
        channel: 'phone' | 'walk-in' | 'online' | 'app';
        deposit?: { amount: number; method: PaymentMethod };
        plan?: PlanItem[];
      };
    }
  | { type: 'Rescheduled'; data: { startAt: string; endAt: string; doctorId?: string } }
  | { type: 'ReservationCanceled'; data: { reason?: string } }
  | { type: 'NoShowMarked'; data: Record<string, never> }
  | { type: 'CheckedIn'; data: { channel: 'kiosk' | 'desk'; at: string } }
  | { type: 'WalkInRegistered'; data: { patientId: string; doctorId?: string; purpose?: string; plan?: PlanItem[]; at: string } }
  | { type: 'VisitAbandoned'; data: { reason?: string } }
  | { type: 'DoctorAssigned'; data: { doctorId: string } }
  | { type: 'ConsultationStarted'; data: { consultantId: string } }
  | { type: 'ConsultationCompleted'; data: { plan: PlanItem[] } }
  | { type: 'ProcedurePlanChanged'; data: { plan: PlanItem[]; reason?: string } }
  | { type: 'ProcedureStarted'; data: { itemId: string; performedBy: string } }
  | { type: 'ProcedureCompleted'; data: { itemId: string } }
  | { type: 'ProcedureSkipped'; data: { itemId: string; reason: string } }
  | { type: 'PhotosTaken'; data: { stage: 'before' | 'after'; count: number } }
  | { type: 'SoothingCareStarted'; data: Record<string, never> }
  | { type: 'SoothingCareCompleted'; data: Record<string, never> }
  | { type: 'PaymentRecorded'; data: { amount: number; method: PaymentMethod } }
  | { type: 'PaymentRefunded'; data: { amount: number; method?: PaymentMethod; reason?: string } }
  | { type: 'CheckedOut'; data: { at: string } }
  | { type: 'MemoAdded'; data: { text: string } }
  | { type: 'ConsentRecorded'; data: { form: string; formVersion: string } }
  /** An observation recorded although a rule no longer held (rebase); shown to staff. */
  | { type: 'AnomalyFlagged'; data: { rule: string; detail: string; commandType: string } };

export type VisitEventType = VisitEvent['type'];
export type VisitEventOf<T extends VisitEventType> = Extract<VisitEvent, { type: T }>;
