import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PatientSummary, StaffSummary, Warning } from '../../../shared/contract/desk-views.js';
import { boardVisit, newClinicDesk, PATIENT, renderDesk, reservedState, sessionOf, STAFF, visitIdOf } from '../../testing/clinic-fixture.js';

const TWIN: PatientSummary = { ...PATIENT, patientId: '0190f5d2-9c1e-7a3b-8c4d-000000000109', chartNumber: 'D7A3-9' };
const DUPLICATE: Warning = { kind: 'duplicate-patient', patientIds: [PATIENT.patientId, TWIN.patientId], name: PATIENT.name, phone: PATIENT.phone, survivor: PATIENT.patientId };

const openPatients = async (as: StaffSummary = STAFF.manager, options: { warnings?: Warning[]; refuseGet?: boolean } = {}) => {
  const desk = newClinicDesk({ patients: [PATIENT, TWIN], warnings: options.warnings ?? [] });
  desk.status = { ...desk.status, session: sessionOf(as) };
  desk.states.set(visitIdOf(1), reservedState());
  const rendered = await renderDesk(desk);
  rendered.bridge.script['patients.get'] = ({ patientId }) => {
    if (options.refuseGet) return { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'fetch failed' } };
    const patient = desk.patients.find((each) => each.patientId === patientId);
    if (!patient) return { ok: false, error: { code: 'NOT_FOUND', message: 'no patient' } };
    const visits =
      patientId === PATIENT.patientId
        ? [boardVisit(1, 'payment', { balance: 225_000, purpose: '보톡스' }), boardVisit(2, 'checked-out', { startAt: '2026-11-02T01:00:00.000Z', balance: 0 })]
        : [];
    return { ok: true, result: { ...patient, visits, merged: [] } };
  };
  fireEvent.click(await screen.findByRole('button', { name: '환자' }));
  await screen.findByRole('heading', { name: '환자', level: 1 });
  return rendered;
};

const search = (text: string) => {
  fireEvent.change(screen.getByRole('searchbox', { name: '환자 찾기' }), { target: { value: text } });
};

describe('the patients screen', () => {
  it('finds a patient and shows their page: contact masked, every visit with its stage and balance', async () => {
    await openPatients(STAFF.desk);
    expect(screen.getByText('이름, 초성, 전화번호 뒤 4자리나 차트 번호를 입력하세요.')).toBeTruthy();
    search('5678');
    const results = await screen.findByRole('list', { name: '찾은 환자 2명' });
    fireEvent.click(within(results).getByRole('button', { name: /D7A3-1/ }));
    const page = await screen.findByRole('region', { name: '홍길동' });
    expect(within(page).getByTestId('patient-phone').textContent).toBe('010-****-5678');
    fireEvent.click(within(page).getByRole('button', { name: '번호 보기' }));
    expect(within(page).getByTestId('patient-phone').textContent).toBe('010-1234-5678');
    const rows = within(page).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['12월 1일 (화) 14:30최민호보톡스결제₩225,000열기', '11월 2일 (월) 10:00최민호—퇴실₩0열기']);
    expect(within(page).getByText('2회')).toBeTruthy();
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: '열기' }));
    expect(await screen.findByRole('dialog', { name: '홍길동' })).toBeTruthy();
  });

  it('says so when nobody matches, and when a patient has no visits yet', async () => {
    await openPatients(STAFF.desk);
    search('없는사람');
    expect(await screen.findByText('찾는 환자가 없습니다. 새 환자는 예약할 때 등록합니다.')).toBeTruthy();
    search('5678');
    fireEvent.click(await screen.findByRole('button', { name: /D7A3-9/ }));
    expect(await screen.findByText('아직 방문이 없습니다 — 현황판에서 n 키로 예약하세요.')).toBeTruthy();
  });

  it('shows a patient that cannot be read as a sentence with a retry', async () => {
    await openPatients(STAFF.desk, { refuseGet: true });
    search('5678');
    fireEvent.click(await screen.findByRole('button', { name: /D7A3-1/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch('데스크 프로그램에 연결할 수 없습니다.');
    expect(screen.getByRole('button', { name: '다시 시도' })).toBeTruthy();
  });

  it('lists likely duplicates with the record that survives, and lets a manager merge the newer into the older', async () => {
    const { bridge, desk } = await openPatients(STAFF.manager, { warnings: [DUPLICATE] });
    const duplicates = await screen.findByRole('region', { name: /중복 의심 환자/ });
    await waitFor(() => expect(within(duplicates).getByText('남는 기록').parentElement?.textContent).toMatch('홍길동 · D7A3-1'));
    expect(within(duplicates).getByText('합쳐질 기록').parentElement?.textContent).toMatch('홍길동 · D7A3-9');
    fireEvent.click(within(duplicates).getByRole('button', { name: '기록 합치기' }));
    const dialog = await screen.findByRole('dialog', { name: '환자 기록 합치기' });
    expect(within(dialog).getByText(/차트 D7A3-9의 방문과 기록이 차트 D7A3-1로 합쳐집니다/)).toBeTruthy();
    desk.warnings = [];
    fireEvent.click(within(dialog).getByRole('button', { name: '차트 D7A3-1로 합치기' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '환자 기록 합치기' })).toBeNull());
    expect(bridge.calls).toContainEqual({
      method: 'command.execute',
      args: { type: 'MergePatients', streamId: TWIN.patientId, payload: { into: PATIENT.patientId }, actingStaffId: STAFF.manager.staffId },
    });
    expect(await within(duplicates).findByText('같은 이름과 전화번호로 두 번 등록된 환자는 없습니다.')).toBeTruthy();
    // The survivor's page opens.
    expect(await screen.findByRole('region', { name: '홍길동' })).toBeTruthy();
  });

  it('shows a refused merge next to it, and leaves the pair listed', async () => {
    const { desk } = await openPatients(STAFF.manager, { warnings: [DUPLICATE] });
    desk.refuse.MergePatients = 'MERGE_TARGET_NOT_OLDER';
    fireEvent.click(await screen.findByRole('button', { name: '기록 합치기' }));
    const dialog = await screen.findByRole('dialog', { name: '환자 기록 합치기' });
    fireEvent.click(within(dialog).getByRole('button', { name: /로 합치기/ }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('더 먼저 등록된 기록으로만 합칠 수 있습니다.');
  });

  it('offers the merge to managers only', async () => {
    await openPatients(STAFF.desk, { warnings: [DUPLICATE] });
    const duplicates = await screen.findByRole('region', { name: /중복 의심 환자/ });
    expect(within(duplicates).queryByRole('button', { name: '기록 합치기' })).toBeNull();
    expect(within(duplicates).getByText('기록을 합치는 것은 관리자만 할 수 있습니다.')).toBeTruthy();
  });

  it('opens the audit trail filtered to the patient for a manager ("who changed this, and when?"), not for the front desk', async () => {
    const { bridge } = await openPatients(STAFF.manager);
    bridge.script['audit.query'] = () => ({ ok: true, result: { items: [] } });
    search('5678');
    fireEvent.click(await screen.findByRole('button', { name: /D7A3-1/ }));
    const page = await screen.findByRole('region', { name: '홍길동' });
    fireEvent.click(within(page).getByRole('button', { name: '이 환자의 변경 기록' }));
    await screen.findByRole('heading', { name: '기록 조회' });
    expect(screen.getByTestId('audit-patient').textContent).toBe('홍길동');
    await waitFor(() => expect(bridge.calls.filter((call) => call.method === 'audit.query').map((call) => call.args)).toEqual([{ limit: 100, patientId: PATIENT.patientId }]));
    expect(screen.getByRole('button', { name: '기록 조회' }).getAttribute('aria-current')).toBe('page');
  });

  it('has no audit link for the front desk', async () => {
    await openPatients(STAFF.desk);
    search('5678');
    fireEvent.click(await screen.findByRole('button', { name: /D7A3-1/ }));
    const page = await screen.findByRole('region', { name: '홍길동' });
    expect(within(page).queryByRole('button', { name: '이 환자의 변경 기록' })).toBeNull();
  });

  it('changes a patient’s phone from their page, sending only what changed, and shows a refusal beside it', async () => {
    const { bridge, desk } = await openPatients(STAFF.desk);
    const execute = bridge.script['command.execute'];
    bridge.script['command.execute'] = (command) => {
      if (command.type === 'UpdatePatientContact' && command.payload.phone === '010-0000') return { ok: false, error: { code: 'VALIDATION', message: 'payload.phone: a phone number' } };
      if (command.type === 'UpdatePatientContact') desk.patients = desk.patients.map((each) => (each.patientId === command.streamId ? { ...each, phone: command.payload.phone ?? each.phone } : each));
      return execute ? execute(command) : { ok: false, error: { code: 'INTERNAL', message: 'no script' } };
    };
    search('5678');
    fireEvent.click(await screen.findByRole('button', { name: /D7A3-1/ }));
    const page = await screen.findByRole('region', { name: '홍길동' });
    fireEvent.click(within(page).getByRole('button', { name: '연락처 변경' }));
    const form = within(page).getByRole('form', { name: '연락처 변경' });
    fireEvent.change(within(form).getByLabelText('전화번호'), { target: { value: '010-0000' } });
    fireEvent.click(within(form).getByRole('button', { name: '저장' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('입력한 내용을 확인해 주세요.');
    fireEvent.change(within(form).getByLabelText('전화번호'), { target: { value: '010-9876-5432' } });
    fireEvent.click(within(form).getByRole('button', { name: '저장' }));
    await waitFor(() => expect(within(page).queryByRole('form')).toBeNull());
    expect(bridge.calls.filter((call) => call.method === 'command.execute').at(-1)?.args).toEqual({
      type: 'UpdatePatientContact',
      streamId: PATIENT.patientId,
      payload: { phone: '010-9876-5432' },
      actingStaffId: STAFF.desk.staffId,
    });
    await waitFor(() => expect(within(page).getByTestId('patient-phone').textContent).toBe('010-****-5432'));
  });
});
