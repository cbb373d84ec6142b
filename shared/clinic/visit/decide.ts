/**
 * The rules of a visit (docs/architecture.md, "Clinic domain"). decide checks a command against the visit's state and throws
 * a DomainError with a ClinicErrorCode for a broken rule; for an observation it then records the
 * facts of record.ts, so decide and Headspring.reexecute always agree on what an observation is.
 *
 * Where the design says nothing, the rules follow what a front desk expects:
 * - Status errors: VISIT_NOT_FOUND on an empty stream; NOT_CHECKED_IN where the patient must be
 *   here; ALREADY_CHECKED_IN for a reservation change after check-in; VISIT_CLOSED once the visit
 *   is canceled, a no-show, abandoned or checked out.
 * - Refunds are allowed on every existing visit, also canceled, no-show and abandoned ones: a
 *   deposit taken for a reservation that did not happen must be returnable. Memos are allowed at
 *   any time.
 * - The plan can be changed while reserved too (a direct-procedure booking changed on the phone).
 *   An item that names its itemId keeps its price and discount unless the change gives new ones;
 *   a started, completed or skipped item keeps its price, but its name and discount may change
 *   (a discount granted after the fact is common).
 * - A consultation on a direct-procedure visit adds its plan after the booked items.
 * - StartProcedure before a plan: CONSULTATION_NOT_STARTED when no consultation has begun,
 *   NO_PLAN while the consultation is still in progress.
 * - Check-out also waits for a consultation in progress (CONSULTATION_IN_PROGRESS), besides an
 *   unfinished plan or soothing care in progress (PLAN_NOT_FINISHED).
 * - A consent form is signed at the clinic, for what is done on this visit: only while the patient
 *   is checked in (NOT_CHECKED_IN before, VISIT_CLOSED once the visit ended: a form signed later
 *   belongs to the next visit). The same form in the same version twice on one visit is a
 *   mistake (CONSENT_ALREADY_RECORDED); a new version of the form is a new consent.
 */
import { DomainError } from '../../eventsourcing/index.js';
import { ClinicErrorCode } from '../error-codes.js';
import { withoutUndefined } from '../without-undefined.js';
import { isVisitObservation, type VisitCommand, type VisitCommandOf, type VisitIntent, type VisitObservation } from './commands.js';
import type { PlanItem, VisitEvent } from './events.js';
import { isDoneOrStarted, isFinished, numberPlanItems } from './plan.js';
import { recordObservation } from './record.js';
import { balanceOf, type PlanItemState, type VisitState, type VisitStatus } from './state.js';

const fail = (code: ClinicErrorCode, message: string): never => {
  throw new DomainError(code, message);
};

const closedAs: Record<'canceled' | 'no-show' | 'abandoned' | 'checked-out', string> = {
  canceled: 'The reservation was canceled',
  'no-show': 'The visit was marked as a no-show',
  abandoned: 'The patient left: the visit was abandoned',
  'checked-out': 'The patient has checked out',
};

const requireExisting = (state: VisitState): void => {
  if (state.status === 'none') fail(ClinicErrorCode.VISIT_NOT_FOUND, 'There is no such visit');
};

/** Reservation changes and check-in: only before the patient is here. */
const requireReserved = (state: VisitState, what: string): void => {
  const status: VisitStatus = state.status;
  switch (status) {
    case 'reserved':
      return;
    case 'none':
      return requireExisting(state);
    case 'checked-in':
      return fail(ClinicErrorCode.ALREADY_CHECKED_IN, `The patient has already checked in: too late to ${what}`);
    case 'canceled':
    case 'no-show':
    case 'abandoned':
    case 'checked-out':
      return fail(ClinicErrorCode.VISIT_CLOSED, `${closedAs[status]}: cannot ${what}`);
  }
};

/** What happens on the day: only while the patient is checked in. */
const requireCheckedIn = (state: VisitState, what: string): void => {
  const status: VisitStatus = state.status;
  switch (status) {
    case 'checked-in':
      return;
    case 'none':
      return requireExisting(state);
    case 'reserved':
      return fail(ClinicErrorCode.NOT_CHECKED_IN, `The patient has not checked in yet: cannot ${what}`);
    case 'canceled':
    case 'no-show':
    case 'abandoned':
    case 'checked-out':
      return fail(ClinicErrorCode.VISIT_CLOSED, `${closedAs[status]}: cannot ${what}`);
  }
};

/** Plans for a visit that is still to happen or happening: reserved or checked in. */
const requireOpen = (state: VisitState, what: string): void => {
  if (state.status === 'checked-in') return;
  requireReserved(state, what);
};

/**
 * A reservation is a slot in one clinic day; the day board and "reservations from A to B" rely
 * on that bound to look only at slots that start at most this long before A.
 */
export const MAX_RESERVATION_MS = 24 * 60 * 60_000;

const requireEndAfterStart = (startAt: string, endAt: string): void => {
  // Compared as instants ("…00Z" and "…00.000Z" are equal); an unreadable one fails too.
  if (!(Date.parse(endAt) > Date.parse(startAt))) {
    fail(ClinicErrorCode.END_NOT_AFTER_START, `The reservation must end after it starts (${startAt} – ${endAt})`);
  }
  if (Date.parse(endAt) - Date.parse(startAt) > MAX_RESERVATION_MS) {
    fail(ClinicErrorCode.RESERVATION_TOO_LONG, `A reservation is at most 24 hours long (${startAt} – ${endAt})`);
  }
};

const requireDiscountsWithinPrice = (items: readonly { name: string; price?: number; discount?: number }[]): void => {
  for (const item of items) {
    const price = item.price ?? 0;
    const discount = item.discount ?? 0;
    if (discount > price) {
      fail(ClinicErrorCode.DISCOUNT_EXCEEDS_PRICE, `The discount on "${item.name}" (${discount} KRW) exceeds its price (${price} KRW)`);
    }
  }
};

/** Procedures follow a completed consultation, or need none on a direct-procedure visit. */
const requirePlan = (state: VisitState): void => {
  if (state.directProcedure || state.consultation.status === 'completed') return;
  if (state.consultation.status === 'in-progress') {
    fail(ClinicErrorCode.NO_PLAN, 'The consultation is still in progress: there is no plan yet');
  }
  fail(ClinicErrorCode.CONSULTATION_NOT_STARTED, 'Procedures follow a consultation, and none has started');
};

const findItem = (state: VisitState, itemId: string): PlanItemState =>
  state.plan.find((item) => item.itemId === itemId) ??
  fail(ClinicErrorCode.PLAN_ITEM_NOT_FOUND, `The plan has no item ${itemId}`);

const label = (item: PlanItem): string => `"${item.name}" (item ${item.itemId})`;

const requireNotFinished = (item: PlanItemState): void => {
  if (isFinished(item)) fail(ClinicErrorCode.PLAN_ITEM_DONE, `${label(item)} is already ${item.status}`);
};

const startProcedure = (state: VisitState, command: VisitCommandOf<'StartProcedure'>): void => {
  requireCheckedIn(state, 'start a procedure');
  requirePlan(state);
  const item = findItem(state, command.payload.itemId);
  requireNotFinished(item);
  const inProgress = state.plan.find((planned) => planned.status === 'in-progress');
  if (inProgress) {
    fail(ClinicErrorCode.PROCEDURE_IN_PROGRESS, `${label(inProgress)} is in progress: one procedure at a time`);
  }
  const next = state.plan.find((planned) => planned.status === 'pending');
  if (next && next.itemId !== item.itemId) {
    fail(
      ClinicErrorCode.PROCEDURE_OUT_OF_ORDER,
      `${label(next)} comes first in the plan; change the plan to do ${label(item)} before it`,
    );
  }
};

/** The plan as a plan change leaves it; items that name an itemId keep their identity. */
const revisePlan = (state: VisitState, command: VisitCommandOf<'ChangeProcedurePlan'>): PlanItem[] => {
  const named = new Set<string>();
  let nextItemNo = state.nextItemNo;
  const plan = command.payload.plan.map((input): PlanItem => {
    if (input.itemId === undefined) {
      return { itemId: String(nextItemNo++), name: input.name, price: input.price ?? 0, discount: input.discount ?? 0 };
    }
    if (named.has(input.itemId)) fail(ClinicErrorCode.PLAN_ITEM_REPEATED, `Item ${input.itemId} appears twice in the new plan`);
    named.add(input.itemId);
    const current = findItem(state, input.itemId);
    const price = input.price ?? current.price;
    if (isDoneOrStarted(current) && price !== current.price) {
      fail(ClinicErrorCode.PLAN_DROPS_DONE_ITEM, `${label(current)} is ${current.status}: its price cannot change`);
    }
    return { itemId: current.itemId, name: input.name, price, discount: input.discount ?? current.discount };
  });
  const dropped = state.plan.find((item) => isDoneOrStarted(item) && !named.has(item.itemId));
  if (dropped) fail(ClinicErrorCode.PLAN_DROPS_DONE_ITEM, `${label(dropped)} is ${dropped.status}: it cannot leave the plan`);
  requireDiscountsWithinPrice(plan);
  return plan;
};

const checkOut = (state: VisitState): void => {
  requireCheckedIn(state, 'check out');
  const unfinished = state.plan.find((item) => !isFinished(item));
  if (unfinished) {
    fail(ClinicErrorCode.PLAN_NOT_FINISHED, `${label(unfinished)} is ${unfinished.status}: complete or skip it first`);
  }
  if (state.soothingCare === 'in-progress') {
    fail(ClinicErrorCode.PLAN_NOT_FINISHED, 'Soothing care is in progress: complete it first');
  }
  if (state.consultation.status === 'in-progress') {
    fail(ClinicErrorCode.CONSULTATION_IN_PROGRESS, 'The consultation is in progress: complete it first');
  }
  const balance = balanceOf(state);
  if (balance !== 0) {
    fail(
      ClinicErrorCode.BALANCE_NOT_ZERO,
      balance > 0 ? `The patient still owes ${balance} KRW` : `The clinic owes the patient ${-balance} KRW: refund it first`,
    );
  }
};

/** Checks the rules of an observation; decide then records its facts. */
const checkObservation = (state: VisitState, command: VisitObservation): void => {
  switch (command.type) {
    case 'CheckIn':
      return requireReserved(state, 'check in');
    case 'RegisterWalkIn':
      if (state.status !== 'none') fail(ClinicErrorCode.VISIT_EXISTS, 'This visit already exists; a walk-in starts a new visit');
      return requireDiscountsWithinPrice(command.payload.plan ?? []);
    case 'AbandonVisit':
      return requireCheckedIn(state, 'abandon the visit');
    case 'StartConsultation':
      requireCheckedIn(state, 'start a consultation');
      if (state.consultation.status === 'in-progress') {
        fail(ClinicErrorCode.CONSULTATION_IN_PROGRESS, 'A consultation is already in progress');
      }
      if (state.consultation.status === 'completed') {
        fail(ClinicErrorCode.CONSULTATION_ALREADY_COMPLETED, 'The consultation is already completed; change the plan instead');
      }
      return;
    case 'CompleteConsultation':
      requireCheckedIn(state, 'complete a consultation');
      if (state.consultation.status === 'none') {
        fail(ClinicErrorCode.CONSULTATION_NOT_STARTED, 'No consultation has started');
      }
      if (state.consultation.status === 'completed') {
        fail(ClinicErrorCode.CONSULTATION_ALREADY_COMPLETED, 'The consultation is already completed; change the plan instead');
      }
      return requireDiscountsWithinPrice(command.payload.plan);
    case 'StartProcedure':
      return startProcedure(state, command);
    case 'CompleteProcedure': {
      requireCheckedIn(state, 'complete a procedure');
      const item = findItem(state, command.payload.itemId);
      requireNotFinished(item);
      if (item.status !== 'in-progress') fail(ClinicErrorCode.PROCEDURE_NOT_STARTED, `${label(item)} has not started`);
      return;
    }
    case 'SkipProcedure':
      requireCheckedIn(state, 'skip a procedure');
      return requireNotFinished(findItem(state, command.payload.itemId));
    case 'TakePhotos':
      return requireCheckedIn(state, 'take photos');
    case 'StartSoothingCare':
      requireCheckedIn(state, 'start soothing care');
      if (state.soothingCare === 'in-progress') fail(ClinicErrorCode.SOOTHING_CARE_IN_PROGRESS, 'Soothing care is already in progress');
      if (state.soothingCare === 'completed') fail(ClinicErrorCode.SOOTHING_CARE_ALREADY_DONE, 'Soothing care is already done');
      return;
    case 'CompleteSoothingCare':
      requireCheckedIn(state, 'complete soothing care');
      if (state.soothingCare === 'none') fail(ClinicErrorCode.SOOTHING_CARE_NOT_STARTED, 'Soothing care has not started');
      if (state.soothingCare === 'completed') fail(ClinicErrorCode.SOOTHING_CARE_ALREADY_DONE, 'Soothing care is already done');
      return;
    case 'RecordPayment': {
      requireCheckedIn(state, 'take a payment');
      const balance = balanceOf(state);
      if (command.payload.amount > balance) {
        fail(
          ClinicErrorCode.PAYMENT_EXCEEDS_BALANCE,
          `A payment of ${command.payload.amount} KRW exceeds the balance of ${Math.max(balance, 0)} KRW`,
        );
      }
      return;
    }
    case 'RefundPayment': {
      requireExisting(state);
      const refundable = (state.deposit?.amount ?? 0) + state.paid - state.refunded;
      if (command.payload.amount > refundable) {
        fail(
          ClinicErrorCode.REFUND_EXCEEDS_PAID,
          `A refund of ${command.payload.amount} KRW exceeds the ${refundable} KRW paid and not yet refunded`,
        );
      }
      return;
    }
    case 'CheckOut':
      return checkOut(state);
    case 'AddMemo':
      return requireExisting(state);
    case 'RecordConsent': {
      requireCheckedIn(state, 'record a consent');
      const { form, formVersion } = command.payload;
      if (state.consents.some((consent) => consent.form === form && consent.formVersion === formVersion)) {
        fail(ClinicErrorCode.CONSENT_ALREADY_RECORDED, `"${form}" (${formVersion}) is already recorded for this visit`);
      }
      return;
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled visit observation ${JSON.stringify(unreachable)}`);
    }
  }
};

const decideIntent = (state: VisitState, command: VisitIntent): VisitEvent[] => {
  switch (command.type) {
    case 'Reserve': {
      if (state.status !== 'none') fail(ClinicErrorCode.VISIT_EXISTS, 'This visit already exists; a reservation starts a new visit');
      const { patientId, startAt, endAt, doctorId, purpose, channel, deposit, plan } = command.payload;
      requireEndAfterStart(startAt, endAt);
      requireDiscountsWithinPrice(plan ?? []);
      return [
        {
          type: 'Reserved',
          data: withoutUndefined({
            patientId,
            startAt,
            endAt,
            doctorId,
            purpose,
            channel: channel ?? 'phone',
            deposit: deposit ? { amount: deposit.amount, method: deposit.method } : undefined,
            plan: plan ? numberPlanItems(plan, state.nextItemNo) : undefined,
          }),
        },
      ];
    }
    case 'Reschedule': {
      requireReserved(state, 'reschedule');
      const { startAt, endAt, doctorId } = command.payload;
      requireEndAfterStart(startAt, endAt);
      return [{ type: 'Rescheduled', data: withoutUndefined({ startAt, endAt, doctorId }) }];
    }
    case 'CancelReservation':
      requireReserved(state, 'cancel the reservation');
      return [{ type: 'ReservationCanceled', data: withoutUndefined({ reason: command.payload.reason }) }];
    case 'MarkNoShow':
      requireReserved(state, 'mark a no-show');
      return [{ type: 'NoShowMarked', data: {} }];
    case 'AssignDoctor':
      requireOpen(state, 'assign a doctor');
      return [{ type: 'DoctorAssigned', data: { doctorId: command.payload.doctorId } }];
    case 'ChangeProcedurePlan': {
      requireOpen(state, 'change the plan');
      if (!state.directProcedure && state.consultation.status !== 'completed') {
        fail(ClinicErrorCode.NO_PLAN, 'There is no plan to change yet: a consultation makes it');
      }
      const plan = revisePlan(state, command);
      return [{ type: 'ProcedurePlanChanged', data: withoutUndefined({ plan, reason: command.payload.reason }) }];
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled visit intent ${JSON.stringify(unreachable)}`);
    }
  }
};

/** An intent is decided; an observation's rules are checked and then its facts recorded. */
export const decideVisit = (state: VisitState, command: VisitCommand): VisitEvent[] => {
  if (!isVisitObservation(command)) return decideIntent(state, command);
  checkObservation(state, command);
  return recordObservation(state, command);
};
