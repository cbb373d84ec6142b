/**
 * What one step of a visit's history changed: the facts of the visit (as time travel shows them)
 * whose value differs between the state before the step and after it, and the plan items that
 * changed. Pure, so the highlight the screen draws is tested without a screen.
 */
import { balanceOf, initialVisitState, type VisitState } from '../../../shared/clinic/visit/state.js';
import { stageOf } from '../../../shared/contract/visit-stage.js';

export const VISIT_FACTS = [
  'stage',
  'doctor',
  'reservation',
  'purpose',
  'deposit',
  'checkedIn',
  'consultation',
  'plan',
  'photos',
  'soothingCare',
  'paid',
  'refunded',
  'balance',
  'memos',
  'consents',
  'anomalies',
  'closed',
] as const;
export type VisitFact = (typeof VISIT_FACTS)[number];

/** Each fact's value, as plain data to compare. */
const factsOf = (state: VisitState): Record<VisitFact, unknown> => ({
  stage: stageOf(state),
  doctor: state.doctorId,
  reservation: state.reservation,
  purpose: state.purpose,
  deposit: state.deposit,
  checkedIn: state.checkedIn,
  consultation: state.consultation,
  plan: state.plan,
  photos: state.photos,
  soothingCare: state.soothingCare,
  paid: state.paid,
  refunded: state.refunded,
  balance: balanceOf(state),
  memos: state.memos,
  consents: state.consents,
  anomalies: state.anomalies,
  closed: 'closeReason' in state ? state.closeReason : 'checkedOutAt' in state ? state.checkedOutAt : null,
});

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface StepChanges {
  readonly facts: ReadonlySet<VisitFact>;
  /** Plan items added or changed at this step, by item id. */
  readonly planItems: ReadonlySet<string>;
}

/** `before` is null for the first step: whatever the visit holds after it is new. */
export const changesAt = (before: VisitState | null, after: VisitState): StepChanges => {
  const now = factsOf(after);
  // Before the first step there is nothing yet: an empty visit of the same patient.
  const was = factsOf(before ?? ({ ...initialVisitState(), patientId: after.patientId } as VisitState));
  const facts = new Set<VisitFact>(VISIT_FACTS.filter((fact) => !same(was[fact], now[fact])));
  const planItems = new Set<string>();
  const old = new Map((before?.plan ?? []).map((item) => [item.itemId, item]));
  for (const item of after.plan) if (!same(old.get(item.itemId), item)) planItems.add(item.itemId);
  return { facts, planItems };
};
