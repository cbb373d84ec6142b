import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StaffSummary } from '../../../shared/contract/desk-views.js';
import type { Language } from '../../i18n/catalog.js';
import { newClinicDesk, PATIENT, reservedState, sessionOf, STAFF, visitIdOf } from '../../testing/clinic-fixture.js';
import { cancelAfterCheckIn, CONFLICT_ID, newSyncDesk, renderSyncDesk, syncStatus, type SyncDesk } from './testing/sync-fixture.js';

const openInbox = async (sync: SyncDesk, as: StaffSummary = STAFF.desk, language: Language = 'ko') => {
  const clinic = newClinicDesk();
  clinic.status = { ...clinic.status, session: sessionOf(as) };
  const rendered = await renderSyncDesk(clinic, sync, language);
  // The navigation's entry, named with its count while conflicts are open ("충돌 1건").
  fireEvent.click(await within(screen.getByRole('navigation')).findByRole('button', { name: language === 'ko' ? /^충돌( \d+건)?$/ : /^Conflicts( \d+ open)?$/ }));
  await screen.findByRole('heading', { level: 1, name: language === 'ko' ? '충돌' : 'Conflicts' });
  return rendered;
};

const withConflict = (overrides: Partial<SyncDesk> = {}) => newSyncDesk({ status: syncStatus({ conflicts: 1 }), conflicts: [cancelAfterCheckIn()], ...overrides });

const resolveCalls = (calls: readonly { method: string; args: unknown }[]) => calls.filter((call) => call.method === 'conflicts.resolve').map((call) => call.args);

describe('the conflicts inbox', () => {
  it('says there is nothing to look at when there is no conflict', async () => {
    await openInbox(newSyncDesk());
    expect(await screen.findByText('확인할 충돌이 없습니다.')).toBeTruthy();
  });

  it('tells a conflict in sentences about people, with names and never ids', async () => {
    await openInbox(withConflict());
    const card = await screen.findByTestId('conflict');
    expect(within(card).getByRole('heading', { name: '홍길동 님의 방문' })).toBeTruthy();
    expect(card.textContent).toContain('이수진 님이 예약을 취소하려 했습니다.');
    expect(card.textContent).toContain('14:10 · 이 데스크');
    expect(card.textContent).toContain('이미 접수된 방문입니다.');
    expect(card.textContent).toContain('박서연 님이 체크인했습니다.');
    expect(card.textContent).toContain('14:08 · 데스크 D0D2D2');
    expect(card.textContent).not.toContain(STAFF.desk.staffId);
    expect(card.textContent).not.toContain('ALREADY_CHECKED_IN');
  });

  it('tells it in English too', async () => {
    await openInbox(withConflict(), STAFF.desk, 'en');
    const card = await screen.findByTestId('conflict');
    expect(card.textContent).toContain('이수진 tried to cancel the reservation.');
    expect(card.textContent).toContain('박서연 checked the patient in.');
    expect(card.textContent).toContain('desk D0D2D2');
  });

  it('counts the requests waiting behind a conflict', async () => {
    await openInbox(withConflict({ conflicts: [cancelAfterCheckIn({ waiting: ['0190f5d2-9c1e-7a3b-8c4d-0000000c0d02', '0190f5d2-9c1e-7a3b-8c4d-0000000c0d03'] })] }));
    expect((await screen.findByTestId('conflict')).textContent).toContain('요청 2건이 기다리고 있습니다');
  });

  it('retries the original with its values edited, as the person on screen, and then shows it resolved', async () => {
    const { bridge } = await openInbox(withConflict());
    fireEvent.click(await screen.findByRole('button', { name: '다시 시도' }));
    const dialog = await screen.findByRole('dialog', { name: '원래 요청 다시 시도' });
    const reason = within(dialog).getByLabelText('사유');
    expect((reason as HTMLInputElement).value).toBe('환자 요청');
    fireEvent.change(reason, { target: { value: '환자가 다시 전화함' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '실행' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(resolveCalls(bridge.calls)).toEqual([{ conflictId: CONFLICT_ID, action: 'retry', payload: { reason: '환자가 다시 전화함' }, actingStaffId: STAFF.desk.staffId }]);
    expect(await screen.findByText('이수진 님이 14:30에 다시 시도했습니다.')).toBeTruthy();
    expect(screen.getByText('확인할 충돌이 없습니다.')).toBeTruthy();
  });

  it('retries an unchanged request without a payload, so the desk runs the original', async () => {
    const { bridge } = await openInbox(withConflict());
    fireEvent.click(await screen.findByRole('button', { name: '다시 시도' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '실행' }));
    await waitFor(() => expect(resolveCalls(bridge.calls)).toEqual([{ conflictId: CONFLICT_ID, action: 'retry', actingStaffId: STAFF.desk.staffId }]));
  });

  it('offers a reservation’s values as the reservation form does: slot, doctor, channel among its own values; never the patient’s id', async () => {
    const payload = { patientId: PATIENT.patientId, startAt: '2026-12-01T05:30:00.000Z', endAt: '2026-12-01T06:00:00.000Z', doctorId: STAFF.doctor.staffId, channel: 'phone', purpose: '보톡스 상담' };
    const reserve = cancelAfterCheckIn({ command: { ...cancelAfterCheckIn().command, type: 'Reserve', payload } });
    const { bridge } = await openInbox(withConflict({ conflicts: [reserve] }));
    fireEvent.click(await screen.findByRole('button', { name: '다시 시도' }));
    const dialog = await screen.findByRole('dialog', { name: '원래 요청 다시 시도' });
    expect(dialog.textContent).toContain('이수진 님이 예약하려 했습니다.');
    expect(within(dialog).getByRole('group', { name: '시작' }).textContent).toContain('14');
    expect(within(dialog).getByLabelText<HTMLSelectElement>('담당의').value).toBe(STAFF.doctor.staffId);
    expect(within(dialog).getByLabelText<HTMLInputElement>('방문 목적').value).toBe('보톡스 상담');
    expect(within(dialog).queryByDisplayValue(PATIENT.patientId)).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('경로'), { target: { value: 'app' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '실행' }));
    await waitFor(() => expect(resolveCalls(bridge.calls)).toEqual([{ conflictId: CONFLICT_ID, action: 'retry', payload: { ...payload, channel: 'app' }, actingStaffId: STAFF.desk.staffId }]));
  });

  it('retries a request the desk cannot take edited (a staff member with a PIN hash) only as it was, showing none of its values', async () => {
    const register = cancelAfterCheckIn({
      streamType: 'staff',
      patientId: null,
      patientName: null,
      command: { ...cancelAfterCheckIn().command, type: 'RegisterStaff', payload: { name: '오지훈', role: 'desk', pinHash: 'scrypt$abcdefghijklmnopqrstuvwxyz' } },
    });
    await openInbox(withConflict({ conflicts: [register] }), STAFF.manager);
    fireEvent.click(await screen.findByRole('button', { name: '다시 시도' }));
    const dialog = await screen.findByRole('dialog', { name: '원래 요청 다시 시도' });
    expect(dialog.textContent).toContain('이 요청에는 여기서 고칠 값이 없습니다.');
    expect(within(dialog).queryAllByRole('textbox')).toEqual([]);
    expect(dialog.textContent).not.toContain('scrypt');
  });

  it('withdraws only with a reason, and says who withdrew it and why', async () => {
    const { bridge } = await openInbox(withConflict());
    fireEvent.click(await screen.findByRole('button', { name: '요청 철회' }));
    const dialog = await screen.findByRole('dialog', { name: '요청 철회' });
    fireEvent.change(within(dialog).getByLabelText('철회 사유'), { target: { value: ' \u200b\u3164 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '철회' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('사유를 적어 주세요.');
    expect(resolveCalls(bridge.calls)).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText('철회 사유'), { target: { value: '이미 체크인한 환자' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '철회' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(resolveCalls(bridge.calls)).toEqual([{ conflictId: CONFLICT_ID, action: 'dismiss', reason: '이미 체크인한 환자', actingStaffId: STAFF.desk.staffId }]);
    expect(await screen.findByText('이수진 님이 14:30에 철회했습니다. 사유: 이미 체크인한 환자')).toBeTruthy();
  });

  it('shows a refusal next to the choice, as a sentence (another desk resolved it first)', async () => {
    const { sync } = await openInbox(withConflict());
    sync.refuse['conflicts.resolve'] = 'CONFLICT_ALREADY_RESOLVED';
    fireEvent.click(await screen.findByRole('button', { name: '다시 시도' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '실행' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('이미 해결된 충돌입니다.');
  });

  it('offers the choices only to someone allowed to make the request', async () => {
    await openInbox(withConflict(), STAFF.nurse);
    const card = await screen.findByTestId('conflict');
    expect(within(card).queryByRole('button', { name: '다시 시도' })).toBeNull();
    expect(card.textContent).toContain('이 요청을 할 수 있는 직원이 처리할 수 있습니다.');
  });

  it('says when the list could not be read, and reads again on request', async () => {
    const sync = withConflict();
    sync.refuse['conflicts.list'] = 'INTERNAL';
    const clinic = newClinicDesk();
    clinic.status = { ...clinic.status, session: sessionOf(STAFF.desk) };
    const { bridge } = await renderSyncDesk(clinic, sync);
    // The count comes with the sync status, which the desk could tell.
    fireEvent.click(await screen.findByRole('button', { name: '충돌 1건' }));
    expect(await screen.findByText('충돌 목록을 불러오지 못했습니다.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(await screen.findByTestId('conflict')).toBeTruthy();
    expect(screen.queryByText('충돌 목록을 불러오지 못했습니다.')).toBeNull();
    expect(bridge.calls.filter((call) => call.method === 'conflicts.list').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps working offline, and says what happens to a decision made now', async () => {
    await openInbox(withConflict({ status: syncStatus({ state: 'offline', online: false, pending: 4, conflicts: 1 }) }));
    expect(await screen.findByText(/지금은 오프라인입니다/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '다시 시도' })).toBeTruthy();
  });

  it('lists the records HQ refused with the reason; a manager sends them again', async () => {
    const quarantined = [{ streamId: visitIdOf(2), streamType: 'visit', reason: 'EVENT_ID_REUSED', detail: 'eventId reused with other content', since: '2026-12-01T05:00:00.000Z' }];
    const { bridge } = await openInbox(newSyncDesk({ status: syncStatus({ quarantined }) }), STAFF.manager);
    const item = await screen.findByTestId('quarantined');
    expect(item.textContent).toContain('방문 기록');
    expect(item.textContent).toContain('같은 번호의 다른 기록이 본사에 이미 있습니다.');
    fireEvent.click(within(item).getByRole('button', { name: '다시 보내기' }));
    await waitFor(() => expect(screen.queryByTestId('quarantined')).toBeNull());
    expect(bridge.calls).toContainEqual({ method: 'sync.retryStream', args: { streamId: visitIdOf(2), actingStaffId: STAFF.manager.staffId } });
  });

  it('says whose record HQ refused, where the desk knows the patient', async () => {
    const quarantined = [
      { streamId: visitIdOf(1), streamType: 'visit', reason: 'INVALID_ENVELOPE', detail: null, since: '2026-12-01T05:00:00.000Z' },
      { streamId: PATIENT.patientId, streamType: 'patient', reason: 'INVALID_ENVELOPE', detail: null, since: '2026-12-01T05:00:00.000Z' },
    ];
    const clinic = newClinicDesk({ states: new Map([[visitIdOf(1), reservedState()]]) });
    clinic.status = { ...clinic.status, session: sessionOf(STAFF.manager) };
    await renderSyncDesk(clinic, newSyncDesk({ status: syncStatus({ quarantined }) }));
    fireEvent.click(await within(screen.getByRole('navigation')).findByRole('button', { name: '충돌' }));
    await waitFor(() => expect(screen.getAllByTestId('quarantined').map((item) => item.querySelector('strong')?.textContent)).toEqual(['홍길동 님의 방문 기록', '홍길동 님의 환자 기록']));
  });

  it('tells other staff that a manager sends refused records again', async () => {
    const quarantined = [{ streamId: visitIdOf(2), streamType: 'visit', reason: 'INVALID_ENVELOPE', detail: null, since: '2026-12-01T05:00:00.000Z' }];
    await openInbox(newSyncDesk({ status: syncStatus({ quarantined }) }));
    const item = await screen.findByTestId('quarantined');
    expect(within(item).queryByRole('button')).toBeNull();
    expect(item.textContent).toContain('관리자가 다시 보낼 수 있습니다.');
  });
});
