/**
 * Which actions the drawer offers for a visit: those its state allows (the rules of
 * shared/clinic/visit/decide.ts, read from the state the desk returned) and the signed-in
 * person's role may issue (shared/clinic/permissions.ts), and only those. One of them is the
 * primary button: the most likely next step.
 */
import { mayIssue } from '../../../shared/clinic/permissions.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import type { VisitCommandType } from '../../../shared/clinic/visit/commands.js';
import { balanceOf, type VisitState } from '../../../shared/clinic/visit/state.js';

export type VisitAction = Exclude<VisitCommandType, 'Reserve' | 'RegisterWalkIn'>;

export interface OfferedActions {
  readonly primary: VisitAction | null;
  readonly secondary: readonly VisitAction[];
}

/** What was paid (deposit and payments) and not refunded: what a refund may return. */
export const refundableOf = (state: VisitState): number => (state.deposit?.amount ?? 0) + state.paid - state.refunded;

const allowedByState = (state: VisitState): VisitAction[] => {
  const refund: VisitAction[] = refundableOf(state) > 0 ? ['RefundPayment'] : [];
  switch (state.status) {
    case 'none':
      return [];
    case 'canceled':
    case 'no-show':
    case 'abandoned':
    case 'checked-out':
      return ['AddMemo', ...refund];
    case 'reserved':
      return [
        'CheckIn',
        'Reschedule',
        'AssignDoctor',
        ...(state.directProcedure ? (['ChangeProcedurePlan'] as const) : []),
        'CancelReservation',
        'MarkNoShow',
        'AddMemo',
        ...refund,
      ];
    case 'checked-in': {
      const actions: VisitAction[] = [];
      const consultation = state.consultation.status;
      const planReady = state.directProcedure || consultation === 'completed';
      if (consultation === 'none' && !state.directProcedure) actions.push('StartConsultation');
      if (consultation === 'in-progress') actions.push('CompleteConsultation');
      const inProgress = state.plan.find((item) => item.status === 'in-progress');
      const next = state.plan.find((item) => item.status === 'pending');
      if (inProgress) actions.push('CompleteProcedure');
      if (planReady && !inProgress && next) actions.push('StartProcedure');
      if (state.plan.some((item) => item.status === 'pending' || item.status === 'in-progress')) actions.push('SkipProcedure');
      if (planReady) actions.push('ChangeProcedurePlan');
      actions.push('TakePhotos');
      if (state.soothingCare === 'none') actions.push('StartSoothingCare');
      if (state.soothingCare === 'in-progress') actions.push('CompleteSoothingCare');
      const balance = balanceOf(state);
      if (balance > 0) actions.push('RecordPayment');
      const finished =
        state.plan.every((item) => item.status === 'completed' || item.status === 'skipped') &&
        state.soothingCare !== 'in-progress' &&
        consultation !== 'in-progress';
      if (finished && balance === 0) actions.push('CheckOut');
      actions.push('AssignDoctor', 'RecordConsent', 'AddMemo', ...refund, 'AbandonVisit');
      return actions;
    }
  }
};

/** The order in which a next step is the likely one. */
const PRIMARY_ORDER: readonly VisitAction[] = [
  'CheckIn',
  'StartConsultation',
  'CompleteConsultation',
  'CompleteProcedure',
  'StartProcedure',
  'CompleteSoothingCare',
  'RecordPayment',
  'CheckOut',
];

export const offeredActions = (state: VisitState, role: StaffRole): OfferedActions => {
  const allowed = allowedByState(state).filter((action) => mayIssue(role, action));
  const unfinishedPlan = state.plan.some((item) => item.status === 'pending' || item.status === 'in-progress');
  // Nothing has happened yet on a visit that only checked in: check-out is possible, never the likely next step.
  const seen = state.directProcedure || state.consultation.status === 'completed' || state.plan.length > 0;
  const likely = (action: VisitAction): boolean => {
    if (action === 'RecordPayment') return !unfinishedPlan && state.consultation.status !== 'in-progress';
    if (action === 'CheckOut') return seen;
    return true;
  };
  const primary = PRIMARY_ORDER.find((action) => allowed.includes(action) && likely(action)) ?? null;
  return { primary, secondary: allowed.filter((action) => action !== primary) };
};
