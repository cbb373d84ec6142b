import { describe, expect, it } from 'vitest';
import { item, step as on, visitStateOf } from '../../testing/visit-steps.js';

const PLAN = [item('1', 'Botox', 200_000), item('2', 'Laser toning', 100_000, 20_000)];
const PLAN_TOTAL = 280_000;
const whenCheckedIn = [on.reserved(), on.checkedIn()];
const whenPlanned = [...whenCheckedIn, on.consultationStarted(), on.consultationCompleted(PLAN)];
const whenReadyToLeave = [...whenPlanned, on.procedureStarted('1'), on.procedureCompleted('1'), on.procedureStarted('2'), on.procedureCompleted('2'), on.paid(PLAN_TOTAL)];
import { changesAt } from './visit-changes.js';

const step = (events: Parameters<typeof visitStateOf>[0]) => {
  const before = events.length > 1 ? visitStateOf(events.slice(0, -1)) : null;
  return changesAt(before, visitStateOf(events));
};

describe('what one step of a visit changed', () => {
  it('given nothing before, when reserved, then the stage, the doctor-less slot and the purpose are new, not the money', () => {
    const { facts, planItems } = step([on.reserved('Botox')]);
    expect([...facts].sort()).toEqual(['purpose', 'reservation', 'stage']);
    expect(planItems.size).toBe(0);
  });

  it('given a reservation, when the patient checks in, then only the stage and the arrival change', () => {
    expect([...step(whenCheckedIn).facts].sort()).toEqual(['checkedIn', 'stage']);
  });

  it('given a checked-in visit, when the consultation starts, then the consultation and the stage change', () => {
    expect([...step([...whenCheckedIn, on.consultationStarted()]).facts].sort()).toEqual(['consultation', 'stage']);
  });

  it('given a consultation, when it completes with a plan, then the plan, each new item and the balance change', () => {
    const { facts, planItems } = step(whenPlanned);
    expect([...facts].sort()).toEqual(['balance', 'consultation', 'plan', 'stage']);
    expect([...planItems].sort()).toEqual(PLAN.map((item) => item.itemId));
  });

  it('given a plan, when a procedure starts, then only that item changes (its status and performer)', () => {
    const { facts, planItems } = step([...whenPlanned, on.procedureStarted('2')]);
    expect([...planItems]).toEqual(['2']);
    expect(facts.has('plan')).toBe(true);
    expect(facts.has('balance')).toBe(false);
  });

  it('given what is owed, when it is paid, then the payment and the balance change, not the stage nor the plan', () => {
    const { facts, planItems } = step([...whenReadyToLeave.slice(0, -1), on.paid(PLAN_TOTAL)]);
    expect([...facts].sort()).toEqual(['balance', 'paid']);
    expect(planItems.size).toBe(0);
  });

  it('given a settled visit, when the patient leaves, then the stage and the close time change', () => {
    expect([...step([...whenReadyToLeave, on.checkedOut()]).facts].sort()).toEqual(['closed', 'stage']);
  });

  it('given the same state on both sides, then nothing is marked', () => {
    const state = visitStateOf(whenCheckedIn);
    const { facts, planItems } = changesAt(state, state);
    expect(facts.size + planItems.size).toBe(0);
  });
});
