import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeskStatus, StaffSummary } from '../../shared/contract/desk-views.js';
import { deskStatus, newClinicDesk, renderDesk, sessionOf } from '../testing/clinic-fixture.js';

const MANAGER: StaffSummary = { staffId: '0190f5d2-9c1e-7a3b-8c4d-000000000001', name: '김지현', role: 'manager', active: true };
const DESK: StaffSummary = { staffId: '0190f5d2-9c1e-7a3b-8c4d-000000000002', name: '이수진', role: 'desk', active: true };
const GONE: StaffSummary = { staffId: '0190f5d2-9c1e-7a3b-8c4d-000000000003', name: '퇴사자', role: 'nurse', active: false };

const status = (overrides: Partial<DeskStatus> = {}): DeskStatus => deskStatus({ staffCount: 2, ...overrides });

/** A clinic whose desk state lives in `desk`; the fixture's script answers from it. */
const clinic = async (initial: Partial<DeskStatus> = {}, staff: StaffSummary[] = [MANAGER, DESK, GONE]) =>
  renderDesk(newClinicDesk({ status: status(initial), staff, pins: new Map<string, string>([[MANAGER.staffId, '1234'], [DESK.staffId, '0000']]) }));

describe('the desk shell', () => {
  it('shows the clinic and its active staff to pick from', async () => {
    await clinic();
    expect(await screen.findByTestId('clinic-name')).toHaveProperty('textContent', '서울 미소 피부과');
    const picker = screen.getByRole('group', { name: '직원 선택' });
    expect(within(picker).getAllByRole('radio')).toHaveLength(2);
    expect(within(picker).queryByText('퇴사자')).toBeNull();
    expect(screen.getByRole('button', { name: '로그인' })).toHaveProperty('disabled', true);
  });

  it('signs in with the picked staff member and PIN, then signs out', async () => {
    const { bridge } = await clinic();
    fireEvent.click(await screen.findByRole('radio', { name: /이수진/ }));
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '0000' } });
    fireEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByTestId('signed-in-name')).toHaveProperty('textContent', '이수진');
    expect(bridge.calls).toContainEqual({ method: 'session.signIn', args: { staffId: DESK.staffId, pin: '0000' } });
    // Signed in, the desk opens on the day board, with the signed-in person in the header.
    expect(await screen.findByRole('heading', { name: /오늘 현황/ })).toBeTruthy();
    expect(within(screen.getByRole('group', { name: '로그인한 직원' })).getByText('이수진')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '로그아웃' }));
    expect(await screen.findByRole('button', { name: '로그인' })).toBeTruthy();
    expect(screen.queryByTestId('signed-in-name')).toBeNull();
    expect(bridge.calls.map((call) => call.method)).toContain('session.signOut');
  });

  it('says so in Korean when the PIN is wrong, and clears the PIN field', async () => {
    await clinic();
    fireEvent.click(await screen.findByRole('radio', { name: /김지현/ }));
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '9999' } });
    fireEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect((await screen.findByRole('alert')).textContent).toBe('PIN이 맞지 않습니다.');
    await waitFor(() => expect(screen.getByLabelText('PIN')).toHaveProperty('value', ''));
    expect(screen.queryByTestId('signed-in-name')).toBeNull();
  });

  it('sets up the first manager when the clinic has no staff, and signs them in', async () => {
    const { bridge } = await clinic({ clinic: null, staffCount: 0, firstManagerOpen: true }, []);
    expect(await screen.findByRole('heading', { name: '첫 관리자 등록' })).toBeTruthy();
    expect(screen.getByTestId('clinic-name').textContent).toBe('병원 이름 미설정');
    fireEvent.change(screen.getByLabelText('이름'), { target: { value: '  박원장 ' } });
    fireEvent.change(screen.getByLabelText('PIN (숫자 4–8자리)'), { target: { value: '2468' } });
    fireEvent.change(screen.getByLabelText('PIN 확인'), { target: { value: '2468' } });
    fireEvent.click(screen.getByRole('button', { name: '관리자 등록' }));
    expect(await screen.findByTestId('signed-in-name')).toHaveProperty('textContent', '박원장');
    // What the screen sent that changes something (reads of the board that follows are left out).
    const reads = ['desk.status', 'staff.list', 'board.day', 'warnings.list', 'sync.status', 'conflicts.list'];
    expect(bridge.calls.filter((call) => !reads.includes(call.method))).toEqual([
      { method: 'staff.register', args: { name: '박원장', role: 'manager', pin: '2468' } },
      { method: 'session.signIn', args: { staffId: '0190f5d2-9c1e-7a3b-8c4d-000000000009', pin: '2468' } },
    ]);
  });

  it('does not register a manager whose two PINs differ', async () => {
    const { bridge } = await clinic({ staffCount: 0, firstManagerOpen: true }, []);
    fireEvent.change(await screen.findByLabelText('이름'), { target: { value: '박원장' } });
    fireEvent.change(screen.getByLabelText('PIN (숫자 4–8자리)'), { target: { value: '2468' } });
    fireEvent.change(screen.getByLabelText('PIN 확인'), { target: { value: '2469' } });
    expect(screen.getByRole('alert').textContent).toBe('PIN이 서로 다릅니다.');
    expect(screen.getByRole('button', { name: '관리자 등록' })).toHaveProperty('disabled', true);
    expect(bridge.calls.map((call) => call.method)).not.toContain('staff.register');
  });

  it('waits for HQ when the clinic has no staff but this desk may not make a manager', async () => {
    await clinic({ staffCount: 0, firstManagerOpen: false }, []);
    expect(await screen.findByRole('heading', { name: '직원 정보를 기다리는 중' })).toBeTruthy();
  });

  it('follows change notices: an idle sign-out on the desk shows the sign-in again', async () => {
    const { desk, bridge } = await clinic({ session: sessionOf(MANAGER) });
    expect(await screen.findByTestId('signed-in-name')).toHaveProperty('textContent', '김지현');
    desk.status = { ...desk.status, session: null };
    await act(async () => {
      bridge.notify({ kind: 'session' });
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.queryByTestId('signed-in-name')).toBeNull());
    expect(screen.getByRole('button', { name: '로그인' })).toBeTruthy();
  });

  it('says when the desk cannot be reached, and tries again on request', async () => {
    const { bridge } = await clinic();
    bridge.script['desk.status'] = () => ({ ok: false, error: { code: 'HOST_UNREACHABLE', message: 'Failed to fetch' } });
    await act(async () => {
      bridge.notify({ kind: 'events' });
      await Promise.resolve();
    });
    expect(await screen.findByRole('heading', { name: '데스크에 연결할 수 없습니다' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('데스크 프로그램에 연결할 수 없습니다.');
    bridge.script['desk.status'] = () => ({ ok: true, result: status() });
    fireEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(await screen.findByRole('button', { name: '로그인' })).toBeTruthy();
  });
});
