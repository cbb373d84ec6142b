import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StaffSummary } from '../../../shared/contract/desk-views.js';
import { boardVisit, newClinicDesk, renderDesk, reservedState, sessionOf, STAFF, visitIdOf, visitState } from '../../testing/clinic-fixture.js';

const checkedIn = { at: '2026-12-01T05:28:00.000Z', channel: 'desk' } as const;

const openOne = async (state = reservedState(), as: StaffSummary = STAFF.desk, stage: Parameters<typeof boardVisit>[1] = 'reserved') => {
  const desk = newClinicDesk({ visits: [boardVisit(1, stage)] });
  desk.status = { ...desk.status, session: sessionOf(as) };
  desk.states.set(visitIdOf(1), state);
  const rendered = await renderDesk(desk);
  fireEvent.click(await screen.findByRole('button', { name: /홍길동/ }));
  const drawer = await screen.findByRole('dialog', { name: '홍길동' });
  return { ...rendered, drawer };
};

describe('the visit drawer', () => {
  it('offers check-in first for a reservation, and only what a reservation allows', async () => {
    const { drawer } = await openOne();
    expect(within(drawer).getByRole('button', { name: '체크인' }).className).toBe('primary-action');
    const more = within(drawer).getByRole('group', { name: '다른 작업' });
    expect(within(more).getAllByRole('button').map((button) => button.textContent)).toEqual(['일정 변경', '담당의 변경', '예약 취소', '노쇼 처리', '메모 추가']);
    expect(within(drawer).queryByRole('button', { name: '결제' })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: '퇴실' })).toBeNull();
  });

  it('warns while rescheduling when the doctor has another booking then, not counting the visit itself', async () => {
    const { drawer, desk } = await openOne();
    const slot = { doctorId: STAFF.doctor.staffId, doctorName: '최민호', stage: 'reserved' } as const;
    desk.schedule = [
      { ...slot, visitId: visitIdOf(1), patientId: 'p-1', patientName: '홍길동', startAt: '2026-12-01T05:30:00.000Z', endAt: '2026-12-01T06:00:00.000Z' },
      { ...slot, visitId: 'v-9', patientId: 'p-9', patientName: '김민수', startAt: '2026-12-01T05:45:00.000Z', endAt: '2026-12-01T06:15:00.000Z' },
    ];
    fireEvent.click(within(drawer).getByRole('button', { name: '일정 변경' }));
    const form = within(drawer).getByRole('form', { name: '일정 변경' });
    expect((await within(form).findByRole('status')).textContent).toBe(
      '최민호 선생님은 14:45–15:15에 이미 예약이 있습니다 (김민수). 그래도 예약할 수 있지만, 겹치는 예약은 현황판에 표시됩니다.',
    );
  });

  it('masks the phone number, with the full number one click away', async () => {
    const { drawer } = await openOne();
    expect(within(drawer).getByTestId('drawer-phone').textContent).toBe('010-****-5678');
    fireEvent.click(within(drawer).getByRole('button', { name: '번호 보기' }));
    expect(within(drawer).getByTestId('drawer-phone').textContent).toBe('010-1234-5678');
  });

  it('checks in with one click, and shows the new state with its next step', async () => {
    const { drawer, bridge } = await openOne(reservedState(), STAFF.counselor);
    fireEvent.click(within(drawer).getByRole('button', { name: '체크인' }));
    await waitFor(() => expect(within(drawer).getByRole('button', { name: '상담 시작' }).className).toBe('primary-action'));
    expect(bridge.calls).toContainEqual({ method: 'command.execute', args: { actingStaffId: STAFF.counselor.staffId, type: 'CheckIn', streamId: visitIdOf(1), payload: { channel: 'desk' } } });
    // The board behind the drawer (hidden from assistive technology while the drawer is open) moved the card.
    expect(within(screen.getByRole('region', { name: /^접수/, hidden: true })).getByRole('button', { name: /홍길동/, hidden: true })).toBeTruthy();
  });

  it('shows a refused command as a sentence next to the action, never as a code', async () => {
    const state = visitState({ status: 'checked-in', checkedIn, consultation: { status: 'completed', consultantId: STAFF.counselor.staffId }, plan: [] });
    const { drawer, desk } = await openOne(state, STAFF.desk, 'payment');
    desk.refuse.CheckOut = 'BALANCE_NOT_ZERO';
    fireEvent.click(within(drawer).getByRole('button', { name: '퇴실' }));
    const alert = await within(drawer).findByRole('alert');
    expect(alert.textContent).toBe('남은 금액이 있어 수납을 마칠 수 없습니다.');
    expect(alert.textContent).not.toMatch(/BALANCE_NOT_ZERO/);
    expect(alert.closest('.drawer-actions')).toBeTruthy();
  });

  it('refuses a change when someone else signed in at the desk meanwhile, says so, and shows who is signed in now', async () => {
    const { drawer, desk, bridge } = await openOne(reservedState(), STAFF.desk);
    // Another window of this desk switched to the counselor; this screen still shows 이수진.
    desk.status = { ...desk.status, session: sessionOf(STAFF.counselor) };
    bridge.script['command.execute'] = () => ({ ok: false, error: { code: 'SESSION_CHANGED', message: 'someone else is signed in' } });
    fireEvent.click(within(drawer).getByRole('button', { name: '체크인' }));
    const alert = await within(drawer).findByRole('alert');
    expect(alert.textContent).toBe('그사이 다른 직원이 이 데스크에 로그인했습니다. 화면을 확인한 뒤 다시 시도해 주세요.');
    expect(bridge.calls).toContainEqual({ method: 'command.execute', args: { actingStaffId: STAFF.desk.staffId, type: 'CheckIn', streamId: visitIdOf(1), payload: { channel: 'desk' } } });
    await waitFor(() => expect(screen.getByTestId('signed-in-name').textContent).toBe('박서연'));
  });

  it('takes a payment of the balance by the method picked', async () => {
    const state = visitState({
      status: 'checked-in',
      checkedIn,
      consultation: { status: 'completed', consultantId: STAFF.counselor.staffId },
      plan: [{ itemId: '1', name: '레이저 토닝', price: 100_000, discount: 10_000, status: 'completed', performedBy: STAFF.doctor.staffId, skipReason: null }],
    });
    const { drawer, bridge } = await openOne(state, STAFF.desk, 'payment');
    expect(within(drawer).getByTestId('balance').textContent).toBe('₩90,000');
    fireEvent.click(within(drawer).getByRole('button', { name: '결제' }));
    const form = within(drawer).getByRole('form', { name: '결제' });
    expect(within(form).getByLabelText('금액 (원)')).toHaveProperty('value', '90,000');
    fireEvent.click(within(form).getByLabelText('현금'));
    fireEvent.click(within(form).getByRole('button', { name: '결제 확인' }));
    await waitFor(() =>
      expect(bridge.calls).toContainEqual({ method: 'command.execute', args: { actingStaffId: STAFF.desk.staffId, type: 'RecordPayment', streamId: visitIdOf(1), payload: { amount: 90_000, method: 'cash' } } }),
    );
  });

  it('asks for a reason before a procedure is skipped', async () => {
    const state = visitState({
      status: 'checked-in',
      checkedIn,
      consultation: { status: 'completed', consultantId: STAFF.counselor.staffId },
      plan: [{ itemId: '1', name: '물광 주사', price: 150_000, discount: 0, status: 'pending', performedBy: null, skipReason: null }],
    });
    const { drawer, bridge } = await openOne(state, STAFF.nurse, 'procedure');
    fireEvent.click(within(drawer).getByRole('button', { name: '시술 건너뛰기' }));
    const form = within(drawer).getByRole('form', { name: '시술 건너뛰기' });
    fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toBe('사유를 적어 주세요.');
    expect(bridge.calls.map((call) => call.method)).not.toContain('command.execute');
  });

  it('changes the order of the plan, keeping each item by its number', async () => {
    const state = visitState({
      status: 'checked-in',
      checkedIn,
      consultation: { status: 'completed', consultantId: STAFF.counselor.staffId },
      plan: [
        { itemId: '1', name: '필러', price: 350_000, discount: 0, status: 'pending', performedBy: null, skipReason: null },
        { itemId: '2', name: '물광 주사', price: 150_000, discount: 0, status: 'pending', performedBy: null, skipReason: null },
      ],
    });
    const { drawer, bridge } = await openOne(state, STAFF.counselor, 'procedure');
    fireEvent.click(within(drawer).getByRole('button', { name: '계획 변경' }));
    const form = within(drawer).getByRole('form', { name: '계획 변경' });
    fireEvent.click(within(form).getByRole('button', { name: '물광 주사 위로' }));
    fireEvent.click(within(form).getByRole('button', { name: '계획 변경 확인' }));
    await waitFor(() =>
      expect(bridge.calls).toContainEqual({
        method: 'command.execute',
        args: {
          actingStaffId: STAFF.counselor.staffId,
          type: 'ChangeProcedurePlan',
          streamId: visitIdOf(1),
          payload: {
            plan: [
              { itemId: '2', name: '물광 주사', price: 150_000, discount: 0 },
              { itemId: '1', name: '필러', price: 350_000, discount: 0 },
            ],
          },
        },
      }),
    );
  });

  it('offers a refund only to a manager', async () => {
    const state = visitState({ status: 'checked-out', checkedOutAt: '2026-12-01T07:00:00.000Z', checkedIn, paid: 100_000 });
    const asDesk = await openOne(state, STAFF.desk, 'checked-out');
    expect(within(asDesk.drawer).queryByRole('button', { name: '환불' })).toBeNull();
    cleanup();
    const asManager = await openOne(state, STAFF.manager, 'checked-out');
    expect(within(asManager.drawer).getByRole('button', { name: '환불' })).toBeTruthy();
  });

  it('says so when the visit cannot be read', async () => {
    const desk = newClinicDesk({ visits: [boardVisit(1, 'reserved')] });
    desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
    await renderDesk(desk);
    fireEvent.click(await screen.findByRole('button', { name: /홍길동/ }));
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('방문 정보를 불러오지 못했습니다.')).toBeTruthy();
    expect(within(drawer).getByRole('alert').textContent).toBe('찾을 수 없습니다.');
  });
});
