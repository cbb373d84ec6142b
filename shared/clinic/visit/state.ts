import type { PaymentMethod } from '../values.js';
import type { PlanItem } from './events.js';

export type PlanItemStatus = 'pending' | 'in-progress' | 'completed' | 'skipped';

export interface PlanItemState extends PlanItem {
  readonly status: PlanItemStatus;
  readonly performedBy: string | null;
  readonly skipReason: string | null;
}

export interface Reservation {
  readonly startAt: string;
  readonly endAt: string;
  readonly channel: 'phone' | 'walk-in' | 'online' | 'app';
}

export interface Arrival {
  readonly at: string;
  readonly channel: 'kiosk' | 'desk';
}

/** What every visit carries, whatever its status. */
export interface VisitRecord {
  /** Null only on a visit no reservation or walk-in opened (facts a rebase recorded on it). */
  readonly patientId: string | null;
  readonly doctorId: string | null;
  /** The booked slot; null for a walk-in. */
  readonly reservation: Reservation | null;
  readonly purpose: string | null;
  readonly walkIn: boolean;
  /** Booked for a known procedure: procedures need no consultation. */
  readonly directProcedure: boolean;
  readonly deposit: { readonly amount: number; readonly method: PaymentMethod } | null;
  /** When the patient arrived; kept once the visit closes (a late check-in on a closed visit sets only this). */
  readonly checkedIn: Arrival | null;
  readonly consultation: { readonly status: 'none' | 'in-progress' | 'completed'; readonly consultantId: string | null };
  /** In the order the procedures are to be done. */
  readonly plan: readonly PlanItemState[];
  /** Next plan item number: item ids are "1", "2", … and never reused within a visit. */
  readonly nextItemNo: number;
  readonly photos: { readonly before: number; readonly after: number };
  readonly soothingCare: 'none' | 'in-progress' | 'completed';
  readonly paid: number;
  readonly refunded: number;
  readonly memos: number;
  /** Consent forms the patient signed during this visit, in the order recorded. */
  readonly consents: readonly { readonly form: string; readonly formVersion: string }[];
  readonly anomalies: readonly { readonly rule: string; readonly detail: string; readonly commandType: string }[];
}

/**
 * A visit as its events say it is, tagged by status; what only some statuses have is on those
 * alone (a reserved visit has its slot, a checked-in one its arrival, a checked-out one its time,
 * a canceled or abandoned one its reason), so impossible states do not type-check. Plain JSON
 * data: it is snapshotted, shown by time travel and sent to the renderer as is.
 */
export type VisitState =
  | (VisitRecord & { readonly status: 'none' })
  | (VisitRecord & { readonly status: 'reserved'; readonly patientId: string; readonly reservation: Reservation })
  | (VisitRecord & { readonly status: 'canceled'; readonly closeReason: string | null })
  | (VisitRecord & { readonly status: 'no-show' })
  | (VisitRecord & { readonly status: 'checked-in'; readonly checkedIn: Arrival })
  | (VisitRecord & { readonly status: 'abandoned'; readonly closeReason: string | null })
  | (VisitRecord & { readonly status: 'checked-out'; readonly checkedOutAt: string });

export type VisitStatus = VisitState['status'];

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
  memos: 0,
  consents: [],
  anomalies: [],
});

/** The record of a visit without what belongs to its status, to move it to another status. */
export const recordOf = (state: VisitState): VisitRecord => {
  switch (state.status) {
    case 'canceled':
    case 'abandoned': {
      const { status: _status, closeReason: _reason, ...record } = state;
      return record;
    }
    case 'checked-out': {
      const { status: _status, checkedOutAt: _at, ...record } = state;
      return record;
    }
    case 'none':
    case 'reserved':
    case 'no-show':
    case 'checked-in': {
      const { status: _status, ...record } = state;
      return record;
    }
  }
};

/**
 * What the patient still owes: plan prices − discounts − deposit − payments + refunds. A skipped
 * procedure is not charged (it was not done); its line stays in the plan with its reason.
 */
export const balanceOf = (state: VisitState): number =>
  state.plan.reduce((sum, item) => (item.status === 'skipped' ? sum : sum + item.price - item.discount), 0) -
  (state.deposit?.amount ?? 0) -
  state.paid +
  state.refunded;
