import type { PaymentMethod } from '../values.js';
import type { PlanItem } from './events.js';

/**
 * A visit as its events say it is. Plain JSON data: it is snapshotted, shown by time travel and
 * sent to the renderer as is.
 */
export type VisitStatus = 'none' | 'reserved' | 'canceled' | 'no-show' | 'checked-in' | 'abandoned' | 'checked-out';

export type PlanItemStatus = 'pending' | 'in-progress' | 'completed' | 'skipped';

export interface PlanItemState extends PlanItem {
  readonly status: PlanItemStatus;
  readonly performedBy: string | null;
  readonly skipReason: string | null;
}

export interface VisitState {
  readonly status: VisitStatus;
  readonly patientId: string | null;
  readonly doctorId: string | null;
  /** The booked slot; null for a walk-in. */
  readonly reservation: {
    readonly startAt: string;
    readonly endAt: string;
    readonly channel: 'phone' | 'walk-in' | 'online' | 'app';
  } | null;
  readonly purpose: string | null;
  readonly walkIn: boolean;
  /** Booked for a known procedure: procedures need no consultation. */
  readonly directProcedure: boolean;
  readonly deposit: { readonly amount: number; readonly method: PaymentMethod } | null;
  readonly checkedIn: { readonly at: string; readonly channel: 'kiosk' | 'desk' } | null;
  readonly consultation: { readonly status: 'none' | 'in-progress' | 'completed'; readonly consultantId: string | null };
  /** In the order the procedures are to be done. */
  readonly plan: readonly PlanItemState[];
  /** Next plan item number: item ids are "1", "2", … and never reused within a visit. */
  readonly nextItemNo: number;
  readonly photos: { readonly before: number; readonly after: number };
  readonly soothingCare: 'none' | 'in-progress' | 'completed';
  readonly paid: number;
  readonly refunded: number;
  readonly checkedOutAt: string | null;
  readonly closeReason: string | null;
  readonly memos: number;
  /** Consent forms the patient signed during this visit, in the order recorded. */
  readonly consents: readonly { readonly form: string; readonly formVersion: string }[];
  readonly anomalies: readonly { readonly rule: string; readonly detail: string; readonly commandType: string }[];
}

export const initialVisitState = (): VisitState => ({
  status: 'none',
  patientId: null,
  doctorId: null,
  reservation: null,
  purpose: null,
  walkIn: false,
  directProcedure: false,
  deposit: null,
  checkedIn: null,
  consultation: { status: 'none', consultantId: null },
  plan: [],
  nextItemNo: 1,
  photos: { before: 0, after: 0 },
  soothingCare: 'none',
  paid: 0,
  refunded: 0,
  checkedOutAt: null,
  closeReason: null,
  memos: 0,
  consents: [],
  anomalies: [],
});

/**
 * What the patient still owes: plan prices − discounts − deposit − payments + refunds. A skipped
 * procedure is not charged (it was not done); its line stays in the plan with its reason.
 */
export const balanceOf = (state: VisitState): number =>
  state.plan.reduce((sum, item) => (item.status === 'skipped' ? sum : sum + item.price - item.discount), 0) -
  (state.deposit?.amount ?? 0) -
  state.paid +
  state.refunded;
