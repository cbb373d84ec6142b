import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StaffSummary } from '../../../shared/contract/desk-views.js';
import { newClinicDesk, sessionOf, STAFF } from '../../testing/clinic-fixture.js';
import { newSyncDesk, notConnected, renderSyncDesk, syncStatus, THIS_DESK, whoami, type SyncDesk } from './testing/sync-fixture.js';

const TOKEN = 'hq_4f9a1c2b3d4e5f60718293a4b5c6d7e8';

const openSettings = async (sync: SyncDesk, as: StaffSummary = STAFF.manager) => {
  const clinic = newClinicDesk();
  clinic.status = { ...clinic.status, session: sessionOf(as) };
  const rendered = await renderSyncDesk(clinic, sync);
  fireEvent.click(await screen.findByRole('button', { name: '설정' }));
  await screen.findByRole('heading', { level: 1, name: '설정' });
  return rendered;
};

const callsOf = (calls: readonly { method: string; args: unknown }[], method: string) => calls.filter((call) => call.method === method).map((call) => call.args);

describe('the settings', () => {
  it('connect a desk without HQ: the contract’s rules first, then sync.configure as the manager, then HQ is asked who we are', async () => {
    const { bridge } = await openSettings(newSyncDesk({ status: notConnected() }));
    expect(screen.getByTestId('settings-state').textContent).toBe('본사 미연결');
    expect(screen.getByTestId('installation-id').textContent).toBe(THIS_DESK);
    expect(callsOf(bridge.calls, 'sync.whoami')).toEqual([]);
    const form = screen.getByRole('form', { name: '본사 연결' });
    fireEvent.change(within(form).getByLabelText('본사 주소'), { target: { value: 'http://hq.example.kr' } });
    fireEvent.change(within(form).getByLabelText('토큰'), { target: { value: TOKEN } });
    fireEvent.click(within(form).getByRole('button', { name: '연결' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('https://');
    expect(callsOf(bridge.calls, 'sync.configure')).toEqual([]);
    fireEvent.change(within(form).getByLabelText('본사 주소'), { target: { value: ' https://hq.example.kr ' } });
    fireEvent.change(within(form).getByLabelText('토큰'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: '연결' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('토큰 형식이 아닙니다'));
    fireEvent.change(within(form).getByLabelText('토큰'), { target: { value: `${TOKEN}\n` } });
    fireEvent.click(within(form).getByRole('button', { name: '연결' }));
    expect(await screen.findByText('본사에 연결 정보를 저장했습니다.')).toBeTruthy();
    expect(callsOf(bridge.calls, 'sync.configure')).toEqual([{ hqUrl: 'https://hq.example.kr', token: TOKEN, actingStaffId: STAFF.manager.staffId }]);
    await waitFor(() => expect(callsOf(bridge.calls, 'sync.whoami').length).toBeGreaterThan(0));
    expect(screen.getByLabelText<HTMLInputElement>('토큰').value).toBe('');
  });

  it('show HQ’s answer for this desk’s token, and where the token is kept', async () => {
    await openSettings(newSyncDesk({ status: syncStatus({ tokenStorage: 'session' }) }));
    expect(await screen.findByText('1층 데스크')).toBeTruthy();
    expect(screen.getByTestId('bound-installation').textContent).toBe('이 데스크');
    expect(screen.getByTestId('token-storage').textContent).toContain('이번 실행 동안만');
    expect(screen.queryByRole('heading', { name: '본사에 다시 등록해야 합니다' })).toBeNull();
  });

  it('say clearly when the desk must be re-bound at HQ, with the command and the device', async () => {
    const identity = whoami();
    const bound = { ...identity, hq: identity.hq ? { ...identity.hq, boundInstallationId: '0190f5d2-9c1e-7a3b-8c4d-0000000000b0' } : null };
    await openSettings(newSyncDesk({ status: syncStatus({ state: 'paused', online: false, needsRebind: true }), identity: bound }));
    expect(await screen.findByRole('heading', { name: '본사에 다시 등록해야 합니다' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/npm run hq -- device rebind 0190f5d2-9c1e-7a3b-8c4d-00000000dddd/)).toBeTruthy());
    expect(screen.getByTestId('bound-installation').textContent).toContain('다른 설치');
  });

  it('rotate the token: only a new token, for the same address', async () => {
    const { bridge } = await openSettings(newSyncDesk());
    const form = await screen.findByRole('form', { name: '새 토큰으로 바꾸기' });
    expect(within(form).queryByLabelText('본사 주소')).toBeNull();
    fireEvent.change(within(form).getByLabelText('새 토큰'), { target: { value: TOKEN } });
    fireEvent.click(within(form).getByRole('button', { name: '새 토큰으로 바꾸기' }));
    await waitFor(() => expect(callsOf(bridge.calls, 'sync.configure')).toEqual([{ hqUrl: 'https://hq.example.kr', token: TOKEN, actingStaffId: STAFF.manager.staffId }]));
  });

  it('say why HQ did not answer, and when the desk refused', async () => {
    const sync = newSyncDesk({ status: syncStatus({ state: 'offline', online: false }), identity: whoami({ hq: null, error: 'HQ did not answer: connect ECONNREFUSED' }) });
    await openSettings(sync);
    expect(await screen.findByText('자세히: HQ did not answer: connect ECONNREFUSED')).toBeTruthy();
    sync.refuse['sync.configure'] = 'FORBIDDEN';
    const form = screen.getByRole('form', { name: '새 토큰으로 바꾸기' });
    fireEvent.change(within(form).getByLabelText('새 토큰'), { target: { value: TOKEN } });
    fireEvent.click(within(form).getByRole('button', { name: '새 토큰으로 바꾸기' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('권한이 없습니다.');
  });

  it('are for managers only: others do not see them in the navigation', async () => {
    const clinic = newClinicDesk();
    clinic.status = { ...clinic.status, session: sessionOf(STAFF.desk) };
    await renderSyncDesk(clinic, newSyncDesk());
    await screen.findByRole('button', { name: '충돌' });
    expect(screen.queryByRole('button', { name: '설정' })).toBeNull();
  });
});
