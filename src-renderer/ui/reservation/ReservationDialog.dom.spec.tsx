import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newClinicDesk, PATIENT, renderDesk, sessionOf, STAFF } from '../../testing/clinic-fixture.js';

const openDialog = async (overrides: Parameters<typeof newClinicDesk>[0] = {}) => {
  const desk = newClinicDesk(overrides);
  desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
  const rendered = await renderDesk(desk);
  fireEvent.click(await screen.findByRole('button', { name: /새 예약/ }));
  const dialog = await screen.findByRole('dialog', { name: '새 예약' });
  return { ...rendered, dialog };
};

const pickPatient = async (dialog: HTMLElement, typed: string) => {
  const input = within(dialog).getByRole('combobox', { name: '환자' });
  fireEvent.change(input, { target: { value: typed } });
  fireEvent.click(await screen.findByRole('option', { name: /홍길동/ }));
};

describe('a new reservation', () => {
  it('finds the patient by the last four digits and books the doctor, slot, channel and deposit', async () => {
    const { dialog, bridge } = await openDialog();
    await pickPatient(dialog, '5678');
    expect(within(dialog).getByText('홍길동').closest('.chosen-patient')?.textContent).toMatch(/010-\*\*\*\*-5678/);
    fireEvent.change(within(dialog).getByLabelText('담당의'), { target: { value: STAFF.doctor.staffId } });
    fireEvent.click(within(dialog).getByLabelText('온라인'));
    fireEvent.change(within(dialog).getByLabelText('예약금 (원) (선택)'), { target: { value: '50000' } });
    fireEvent.change(within(dialog).getByLabelText('방문 목적 (선택)'), { target: { value: ' 리프팅 상담 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '예약' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.calls).toContainEqual({
      method: 'command.execute',
      args: {
        actingStaffId: STAFF.desk.staffId,
        type: 'Reserve',
        payload: {
          patientId: PATIENT.patientId,
          startAt: '2026-12-01T06:30:00.000Z',
          endAt: '2026-12-01T07:00:00.000Z',
          channel: 'online',
          doctorId: STAFF.doctor.staffId,
          purpose: '리프팅 상담',
          deposit: { amount: 50_000, method: 'transfer' },
        },
      },
    });
  });

  it('finds by Korean initials, and says so when nobody matches', async () => {
    const { dialog } = await openDialog();
    const input = within(dialog).getByRole('combobox', { name: '환자' });
    fireEvent.change(input, { target: { value: 'ㅎㄱㄷ' } });
    expect(await screen.findByRole('option', { name: /홍길동/ })).toBeTruthy();
    fireEvent.change(input, { target: { value: '없는사람' } });
    expect(await screen.findByText('찾는 환자가 없습니다.')).toBeTruthy();
  });

  it('registers a new patient inline and books them', async () => {
    const { dialog, bridge } = await openDialog();
    const input = within(dialog).getByRole('combobox', { name: '환자' });
    fireEvent.change(input, { target: { value: '신규환' } });
    expect(await screen.findByText('찾는 환자가 없습니다.')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Escape' });
    fireEvent.click(within(dialog).getByRole('button', { name: /새 환자 등록/ }));
    const group = within(dialog).getByRole('group', { name: '새 환자' });
    expect(within(group).getByLabelText('이름')).toHaveProperty('value', '신규환');
    fireEvent.change(within(group).getByLabelText('전화번호'), { target: { value: '010-9999-0000' } });
    fireEvent.click(within(group).getByRole('button', { name: '환자 등록' }));
    expect(await within(dialog).findByText('신규환')).toBeTruthy();
    expect(bridge.calls).toContainEqual({ method: 'command.execute', args: { actingStaffId: STAFF.desk.staffId, type: 'RegisterPatient', payload: { name: '신규환', phone: '010-9999-0000' } } });
  });

  it('warns, before booking, when the doctor already has a reservation then', async () => {
    const { dialog } = await openDialog({
      schedule: [
        { visitId: 'v-9', patientId: 'p-9', patientName: '김민수', doctorId: STAFF.doctor.staffId, doctorName: '최민호', startAt: '2026-12-01T06:15:00.000Z', endAt: '2026-12-01T06:45:00.000Z', stage: 'reserved' },
      ],
    });
    await pickPatient(dialog, '홍');
    fireEvent.change(within(dialog).getByLabelText('담당의'), { target: { value: STAFF.doctor.staffId } });
    const warning = await within(dialog).findByRole('status');
    expect(warning.textContent).toBe('최민호 선생님은 15:15–15:45에 이미 예약이 있습니다 (김민수). 그래도 예약할 수 있지만, 겹치는 예약은 현황판에 표시됩니다.');
  });

  it('shows a refusal as a sentence in the dialog and keeps it open', async () => {
    const { dialog, desk } = await openDialog();
    desk.refuse.Reserve = 'FORBIDDEN';
    await pickPatient(dialog, '홍');
    fireEvent.click(within(dialog).getByRole('button', { name: '예약' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('권한이 없습니다.');
    expect(screen.getByRole('dialog', { name: '새 예약' })).toBeTruthy();
  });

  it('sends nothing without a patient', async () => {
    const { dialog, bridge } = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: '예약' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('환자를 먼저 고르세요.');
    expect(bridge.calls.map((call) => call.method)).not.toContain('command.execute');
  });
});

describe('a walk-in', () => {
  it('registers the walk-in and opens its visit', async () => {
    const desk = newClinicDesk();
    desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
    const { bridge } = await renderDesk(desk);
    fireEvent.click(await screen.findByRole('button', { name: '당일 접수' }));
    const dialog = await screen.findByRole('dialog', { name: '당일 접수' });
    await pickPatient(dialog, '홍');
    fireEvent.click(within(dialog).getByRole('button', { name: '접수' }));
    await waitFor(() => expect(bridge.calls).toContainEqual({ method: 'command.execute', args: { actingStaffId: STAFF.desk.staffId, type: 'RegisterWalkIn', payload: { patientId: PATIENT.patientId } } }));
    await waitFor(() => expect(bridge.calls.map((call) => call.method)).toContain('visit.get'));
  });
});
