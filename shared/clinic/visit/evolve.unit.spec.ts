import { describe, expect, it } from 'vitest';
import { COUNSELOR_ID, DOCTOR_ID, NOW, NURSE_ID, PATIENT_ID, at } from '../testing/commands.js';
import {
  PLAN,
  abandoned,
  canceled,
  checkedIn,
  checkedOut,
  consultationCompleted,
  consultationStarted,
  item,
  noShow,
  paid,
  procedureCompleted,
  procedureSkipped,
  procedureStarted,
  refunded,
  reserved,
  soothingCompleted,
  soothingStarted,
  walkedIn,
  whenCheckedIn,
  whenCheckedOut,
  whenPlanned,
  whenReserved,
  visitStateOf,
} from '../testing/visit-events.js';
import type { VisitEvent } from './events.js';
import { balanceOf, initialVisitState, visitDecider, type VisitState } from './index.js';

const statusOf = (plan: VisitState['plan']) => plan.map((planned) => `${planned.itemId}:${planned.status}`);

describe('visit: evolve', () => {
  it('folds a whole visit into plain JSON data', () => {
    const state = visitStateOf([
      reserved({ doctorId: DOCTOR_ID, purpose: 'Botox', deposit: { amount: 50_000, method: 'card' } }),
      checkedIn('kiosk', at('00:58')),
      consultationStarted,
      consultationCompleted(PLAN),
      { type: 'PhotosTaken', data: { stage: 'before', count: 3 } },
      procedureStarted('1'),
      procedureCompleted('1'),
      procedureStarted('2', NURSE_ID),
      procedureCompleted('2'),
      soothingStarted,
      soothingCompleted,
      paid(230_000),
      { type: 'MemoAdded', data: { text: 'Next visit in 4 weeks' } },
      checkedOut(at('02:30')),
    ]);
    expect(state).toEqual({
      ...initialVisitState(),
      status: 'checked-out',
      patientId: PATIENT_ID,
      doctorId: DOCTOR_ID,
      reservation: { startAt: at('01:00'), endAt: at('01:30'), channel: 'phone' },
      purpose: 'Botox',
      deposit: { amount: 50_000, method: 'card' },
      checkedIn: { at: at('00:58'), channel: 'kiosk' },
      consultation: { status: 'completed', consultantId: COUNSELOR_ID },
      plan: [
        { ...item('1', 'Botox', 200_000), status: 'completed', performedBy: DOCTOR_ID, skipReason: null },
        { ...item('2', 'Laser toning', 100_000, 20_000), status: 'completed', performedBy: NURSE_ID, skipReason: null },
      ],
      nextItemNo: 3,
      photos: { before: 3, after: 0 },
      soothingCare: 'completed',
      paid: 230_000,
      checkedOutAt: at('02:30'),
      memos: 1,
    });
    expect(balanceOf(state)).toBe(0);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('leaves the state it was given untouched', () => {
    const before = visitStateOf(whenPlanned);
    const copy = structuredClone(before);
    visitDecider.evolve(before, procedureStarted('1'));
    visitDecider.evolve(before, paid(1));
    expect(before).toEqual(copy);
  });

  describe('facts recorded although a rule no longer held (rebase)', () => {
    it('counts a payment taken after check-out: the clinic now owes it back', () => {
      const state = visitStateOf([...whenCheckedOut, paid(10_000)]);
      expect(state.status).toBe('checked-out');
      expect(state.paid).toBe(280_000 + 10_000);
      expect(balanceOf(state)).toBe(-10_000);
    });

    it('counts a refund above what was paid', () => {
      expect(balanceOf(visitStateOf([...whenCheckedIn, refunded(5_000)]))).toBe(5_000);
    });

    it('marks a procedure started out of order as in progress', () => {
      expect(statusOf(visitStateOf([...whenPlanned, procedureStarted('2')]).plan)).toEqual(['1:pending', '2:in-progress']);
    });

    it('marks two procedures in progress at once when both were started', () => {
      expect(statusOf(visitStateOf([...whenPlanned, procedureStarted('1'), procedureStarted('2')]).plan)).toEqual([
        '1:in-progress',
        '2:in-progress',
      ]);
    });

    it('completes a procedure that was never started, and one that was skipped', () => {
      expect(statusOf(visitStateOf([...whenPlanned, procedureCompleted('1'), procedureSkipped('2'), procedureCompleted('2')]).plan)).toEqual([
        '1:completed',
        '2:completed',
      ]);
    });

    it('never undoes a completed procedure, consultation or soothing care', () => {
      const done = [...whenPlanned, procedureStarted('1'), procedureCompleted('1'), soothingStarted, soothingCompleted];
      const state = visitStateOf([...done, procedureStarted('1', NURSE_ID), procedureSkipped('1'), consultationStarted, soothingStarted]);
      expect(state.plan[0]).toMatchObject({ status: 'completed', performedBy: DOCTOR_ID, skipReason: null });
      expect(state.consultation.status).toBe('completed');
      expect(state.soothingCare).toBe('completed');
    });

    it('ignores a procedure fact about an item the plan does not have', () => {
      const before = visitStateOf(whenPlanned);
      expect(visitStateOf([...whenPlanned, procedureStarted('9'), procedureCompleted('9'), procedureSkipped('9')]).plan).toEqual(before.plan);
    });

    it('completes a consultation that was never started, adding its plan', () => {
      const state = visitStateOf([...whenCheckedIn, consultationCompleted(PLAN)]);
      expect(state.consultation).toEqual({ status: 'completed', consultantId: null });
      expect(state.plan).toHaveLength(2);
    });

    it.each([
      ['canceled', [reserved(), canceled]],
      ['a no-show', [reserved(), noShow]],
    ] as [string, VisitEvent[]][])('checks in a patient who came although the visit was %s', (_name, given) => {
      const state = visitStateOf([...given, checkedIn('desk', NOW)]);
      expect(state).toMatchObject({ status: 'checked-in', checkedIn: { at: NOW, channel: 'desk' } });
      // The cancellation's reason went with the canceled status: a checked-in visit has none.
      expect(state).not.toHaveProperty('closeReason');
    });

    it('keeps a checked-out or abandoned visit closed on a late check-in', () => {
      expect(visitStateOf([...whenCheckedOut, checkedIn('kiosk', NOW)])).toMatchObject({ status: 'checked-out', checkedIn: { channel: 'desk' } });
      expect(visitStateOf([...whenCheckedIn, abandoned, checkedIn('kiosk', NOW)]).status).toBe('abandoned');
    });

    it('closes the visit on check-out whatever its status, and abandonment never reopens it', () => {
      expect(visitStateOf([...whenReserved, checkedOut(NOW)])).toMatchObject({ status: 'checked-out', checkedOutAt: NOW });
      expect(visitStateOf([...whenCheckedOut, abandoned]).status).toBe('checked-out');
      expect(visitStateOf([...whenReserved, abandoned])).toMatchObject({ status: 'abandoned', closeReason: 'could not wait' });
    });

    it('keeps the first check-out time', () => {
      expect(visitStateOf([...whenCheckedOut, checkedOut(at('09:00'))])).toMatchObject({ status: 'checked-out', checkedOutAt: NOW });
    });

    it('treats a walk-in on an existing visit as the patient arriving', () => {
      const state = visitStateOf([...whenReserved, walkedIn([item('1', 'Laser', 90_000)], NOW)]);
      expect(state).toMatchObject({ status: 'checked-in', walkIn: false, checkedIn: { at: NOW }, directProcedure: true, nextItemNo: 2 });
      expect(state.reservation).not.toBeNull();
    });

    it('lists every anomaly with its rule, detail and command', () => {
      const anomaly: VisitEvent = {
        type: 'AnomalyFlagged',
        data: { rule: 'VISIT_CLOSED', detail: 'The patient has checked out: cannot take a payment', commandType: 'RecordPayment' },
      };
      expect(visitStateOf([...whenCheckedOut, paid(10_000), anomaly]).anomalies).toEqual([anomaly.data]);
    });
  });

  describe('the plan', () => {
    it('keeps item numbers growing past every id it has seen', () => {
      const state = visitStateOf([...whenPlanned, { type: 'ProcedurePlanChanged', data: { plan: [item('1', 'Botox', 1), item('7', 'Odd', 1)] } }]);
      expect(state.nextItemNo).toBe(8);
    });

    it('gives items of a changed plan that it did not know a fresh pending state', () => {
      const state = visitStateOf([...whenPlanned, { type: 'ProcedurePlanChanged', data: { plan: [item('3', 'Mask', 10_000)] } }]);
      expect(state.plan).toEqual([{ ...item('3', 'Mask', 10_000), status: 'pending', performedBy: null, skipReason: null }]);
    });
  });
});
