/**
 * Folds a visit event into the visit's state. Events are facts, so this never refuses one: an
 * observation recorded on rebase may arrive where its rule no longer held (a payment after
 * check-out, a procedure started out of order, a check-in after a cancellation), and the state
 * must still say what happened. The choices for such cases:
 * - money always counts: every payment and refund changes `paid` / `refunded`;
 * - a patient who physically checked in is checked in, even on a canceled or no-show visit; on a
 *   visit already abandoned or checked out a late check-in changes nothing but `checkedIn`;
 * - check-out and abandonment close the visit whatever its status (abandonment never reopens a
 *   checked-out visit);
 * - a procedure started out of order is in progress; a completed item, a completed consultation
 *   and completed soothing care stay completed whatever is recorded about them later, so nothing
 *   undoes work that was done (and charged);
 * - an event naming an unknown plan item changes no item (its AnomalyFlagged tells staff).
 */
import type { PlanItem, VisitEvent } from './events.js';
import { nextItemNoAfter, pendingItem } from './plan.js';
import { recordOf, type PlanItemState, type VisitRecord, type VisitState, type VisitStatus } from './state.js';

const beforeCheckIn: readonly VisitStatus[] = ['none', 'reserved', 'canceled', 'no-show'];

const withPlanItems = (state: VisitState, items: readonly PlanItem[]): Pick<VisitRecord, 'plan' | 'nextItemNo'> => ({
  plan: [...state.plan, ...items.map(pendingItem)],
  nextItemNo: nextItemNoAfter(state.nextItemNo, items),
});

const updateItem = (
  state: VisitState,
  itemId: string,
  change: (item: PlanItemState) => PlanItemState,
): VisitState => ({ ...state, plan: state.plan.map((item) => (item.itemId === itemId ? change(item) : item)) });

/** The patient is here: a check-in or a walk-in. A closed visit stays closed but keeps the arrival. */
const arrive = (state: VisitState, at: string, channel: 'kiosk' | 'desk'): VisitState => {
  const checkedIn = state.checkedIn ?? { at, channel };
  return beforeCheckIn.includes(state.status) ? { ...recordOf(state), status: 'checked-in', checkedIn } : { ...state, checkedIn };
};

export const evolveVisit = (state: VisitState, event: VisitEvent): VisitState => {
  switch (event.type) {
    case 'Reserved': {
      const { data } = event;
      const booked = {
        ...withPlanItems(state, data.plan ?? []),
        patientId: data.patientId,
        doctorId: data.doctorId ?? state.doctorId,
        reservation: { startAt: data.startAt, endAt: data.endAt, channel: data.channel },
        purpose: data.purpose ?? state.purpose,
        deposit: data.deposit ? { amount: data.deposit.amount, method: data.deposit.method } : state.deposit,
        directProcedure: state.directProcedure || data.plan !== undefined,
      };
      return state.status === 'none' ? { ...recordOf(state), ...booked, status: 'reserved' } : { ...state, ...booked };
    }
    case 'Rescheduled':
      return {
        ...state,
        reservation: {
          startAt: event.data.startAt,
          endAt: event.data.endAt,
          channel: state.reservation?.channel ?? 'phone',
        },
        doctorId: event.data.doctorId ?? state.doctorId,
      };
    case 'ReservationCanceled':
      return state.status === 'reserved'
        ? { ...recordOf(state), status: 'canceled', closeReason: event.data.reason ?? null }
        : state;
    case 'NoShowMarked':
      return state.status === 'reserved' ? { ...recordOf(state), status: 'no-show' } : state;
    case 'CheckedIn':
      return arrive(state, event.data.at, event.data.channel);
    case 'WalkInRegistered': {
      const { data } = event;
      return {
        ...arrive(state, data.at, 'desk'),
        ...withPlanItems(state, data.plan ?? []),
        patientId: state.patientId ?? data.patientId,
        doctorId: data.doctorId ?? state.doctorId,
        purpose: data.purpose ?? state.purpose,
        walkIn: state.status === 'none' ? true : state.walkIn,
        directProcedure: state.directProcedure || data.plan !== undefined,
      };
    }
    case 'VisitAbandoned':
      return state.status === 'checked-out'
        ? state
        : { ...recordOf(state), status: 'abandoned', closeReason: event.data.reason ?? null };
    case 'DoctorAssigned':
      return { ...state, doctorId: event.data.doctorId };
    case 'ConsultationStarted':
      // A start recorded after the consultation was completed (two desks) must not undo the plan.
      return state.consultation.status === 'completed'
        ? state
        : { ...state, consultation: { status: 'in-progress', consultantId: event.data.consultantId } };
    case 'ConsultationCompleted':
      // Appended: on a direct-procedure visit the booked items stay; a plan change rearranges them.
      return {
        ...state,
        ...withPlanItems(state, event.data.plan),
        consultation: { status: 'completed', consultantId: state.consultation.consultantId },
      };
    case 'ProcedurePlanChanged': {
      const current = new Map(state.plan.map((item) => [item.itemId, item]));
      const plan = event.data.plan.map((item): PlanItemState => {
        const kept = current.get(item.itemId);
        return kept ? { ...kept, name: item.name, price: item.price, discount: item.discount } : pendingItem(item);
      });
      return { ...state, plan, nextItemNo: nextItemNoAfter(state.nextItemNo, event.data.plan) };
    }
    case 'ProcedureStarted':
      return updateItem(state, event.data.itemId, (item) =>
        item.status === 'completed'
          ? item
          : { ...item, status: 'in-progress', performedBy: event.data.performedBy, skipReason: null },
      );
    case 'ProcedureCompleted':
      return updateItem(state, event.data.itemId, (item) => ({ ...item, status: 'completed', skipReason: null }));
    case 'ProcedureSkipped':
      return updateItem(state, event.data.itemId, (item) =>
        item.status === 'completed' ? item : { ...item, status: 'skipped', skipReason: event.data.reason },
      );
    case 'PhotosTaken':
      return { ...state, photos: { ...state.photos, [event.data.stage]: state.photos[event.data.stage] + event.data.count } };
    case 'SoothingCareStarted':
      return state.soothingCare === 'completed' ? state : { ...state, soothingCare: 'in-progress' };
    case 'SoothingCareCompleted':
      return { ...state, soothingCare: 'completed' };
    case 'PaymentRecorded':
      return { ...state, paid: state.paid + event.data.amount };
    case 'PaymentRefunded':
      return { ...state, refunded: state.refunded + event.data.amount };
    case 'CheckedOut':
      return state.status === 'checked-out' ? state : { ...recordOf(state), status: 'checked-out', checkedOutAt: event.data.at };
    case 'MemoAdded':
      return { ...state, memos: state.memos + 1 };
    case 'ConsentRecorded':
      // Recorded twice (two desks, a rebase) is kept twice: the AnomalyFlagged after it tells staff.
      return { ...state, consents: [...state.consents, { form: event.data.form, formVersion: event.data.formVersion }] };
    case 'AnomalyFlagged':
      return {
        ...state,
        anomalies: [...state.anomalies, { rule: event.data.rule, detail: event.data.detail, commandType: event.data.commandType }],
      };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled visit event ${JSON.stringify(unreachable)}`);
    }
  }
};
