import { describe, expect, it } from 'vitest';
import { initialVisitState, type PlanItemState, type VisitState } from '../../../shared/clinic/visit/state.js';
import { offeredActions } from './visit-actions.js';

const base = initialVisitState();
const arrived = { at: '2026-12-01T05:00:00.000Z', channel: 'desk' } as const;
const item = (itemId: string, status: PlanItemState['status'], price = 100_000): PlanItemState => ({ itemId, name: `시술 ${itemId}`, price, discount: 0, status, performedBy: null, skipReason: null });
const checkedIn = (overrides: Partial<VisitState>): VisitState => ({ ...base, status: 'checked-in', patientId: 'p', checkedIn: arrived, ...overrides }) as VisitState;
const done = { status: 'completed', consultantId: 'c' } as const;

describe('the actions a visit offers', () => {
  it('when reserved: check-in first; payment, procedures and check-out are not offered', () => {
    const state = { ...base, status: 'reserved', patientId: 'p', reservation: { startAt: 'a', endAt: 'b', channel: 'phone' } } as VisitState;
    expect(offeredActions(state, 'desk')).toEqual({ primary: 'CheckIn', secondary: ['Reschedule', 'AssignDoctor', 'CancelReservation', 'MarkNoShow', 'AddMemo'] });
  });

  it('when just checked in: the consultation starts (for those who consult); check-out is never the likely step yet', () => {
    expect(offeredActions(checkedIn({}), 'counselor').primary).toBe('StartConsultation');
    expect(offeredActions(checkedIn({}), 'desk').secondary).not.toContain('StartConsultation');
    expect(offeredActions(checkedIn({}), 'desk').primary).toBeNull();
    expect(offeredActions(checkedIn({}), 'desk').secondary).toContain('CheckOut');
  });

  it('when in consultation: it is completed next, and nobody may pay or check out yet', () => {
    const offered = offeredActions(checkedIn({ consultation: { status: 'in-progress', consultantId: 'c' } }), 'counselor');
    expect(offered.primary).toBe('CompleteConsultation');
    expect(offered.secondary).not.toContain('CheckOut');
  });

  it('with a plan: the next procedure starts; one in progress is completed first', () => {
    expect(offeredActions(checkedIn({ consultation: done, plan: [item('1', 'pending'), item('2', 'pending')] }), 'nurse').primary).toBe('StartProcedure');
    const running = offeredActions(checkedIn({ consultation: done, plan: [item('1', 'in-progress'), item('2', 'pending')] }), 'nurse');
    expect(running.primary).toBe('CompleteProcedure');
    expect(running.secondary).not.toContain('StartProcedure');
  });

  it('with every procedure done and a balance: payment, then check-out once nothing is owed', () => {
    const owing = checkedIn({ consultation: done, plan: [item('1', 'completed'), item('2', 'skipped')] });
    expect(offeredActions(owing, 'desk').primary).toBe('RecordPayment');
    expect(offeredActions(owing, 'desk').secondary).not.toContain('CheckOut');
    expect(offeredActions({ ...owing, paid: 100_000 }, 'desk').primary).toBe('CheckOut');
  });

  it('in soothing care: it is completed before check-out', () => {
    const caring = checkedIn({ consultation: done, plan: [item('1', 'completed')], paid: 100_000, soothingCare: 'in-progress' });
    expect(offeredActions(caring, 'nurse').primary).toBe('CompleteSoothingCare');
    expect(offeredActions(caring, 'desk').secondary).not.toContain('CheckOut');
  });

  it('when closed: memos, and refunds for managers while something paid is left', () => {
    const out = { ...base, status: 'checked-out', patientId: 'p', checkedOutAt: 'x', paid: 50_000 } as VisitState;
    expect(offeredActions(out, 'desk')).toEqual({ primary: null, secondary: ['AddMemo'] });
    expect(offeredActions(out, 'manager')).toEqual({ primary: null, secondary: ['AddMemo', 'RefundPayment'] });
    expect(offeredActions({ ...out, refunded: 50_000 }, 'manager').secondary).not.toContain('RefundPayment');
  });
});
