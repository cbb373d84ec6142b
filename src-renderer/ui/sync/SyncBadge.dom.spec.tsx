import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newClinicDesk } from '../../testing/clinic-fixture.js';
import { cancelAfterCheckIn, newSyncDesk, notConnected, renderSyncDesk, signedInClinic, syncStatus } from './testing/sync-fixture.js';

const badge = () => screen.findByTestId('sync-badge');

describe('the sync badge', () => {
  it('says "not connected" on a desk without HQ, never an error, and offers no sync', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: notConnected() }));
    expect((await badge()).textContent).toContain('본사 미연결');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(await badge());
    const details = await screen.findByRole('dialog', { name: '동기화 상태' });
    expect(details.textContent).toContain('이 데스크는 본사에 연결되어 있지 않습니다.');
    expect(within(details).queryByRole('button', { name: '지금 동기화' })).toBeNull();
  });

  it('shows offline with the events waiting, in words, and explains it calmly', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ state: 'offline', online: false, pending: 12, lastError: 'connect ECONNREFUSED' }) }));
    const shown = await badge();
    expect(shown.textContent).toContain('오프라인');
    expect(shown.textContent).toContain('대기 12건');
    expect(screen.getByTestId('sync').getAttribute('data-pending')).toBe('12');
    expect(shown.textContent).toContain('14:21 동기화');
    fireEvent.click(shown);
    const details = await screen.findByRole('dialog', { name: '동기화 상태' });
    expect(details.textContent).toContain('연결되면 저절로 보내집니다');
    expect(details.textContent).toContain('마지막 동기화14:21');
    expect(details.textContent).toContain('자세히: connect ECONNREFUSED');
  });

  it('follows sync notices: the count of waiting events returns to zero by itself', async () => {
    const { bridge, sync } = await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ state: 'offline', online: false, pending: 3 }) }));
    expect((await badge()).textContent).toContain('대기 3건');
    sync.status = syncStatus({ pending: 0 });
    await act(async () => {
      bridge.notify({ kind: 'sync' });
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('온라인'));
    expect(screen.getByTestId('sync-badge').textContent).not.toContain('대기');
  });

  it('shows the open conflicts and the clock warning, each in a word; the details stay one press away in the inbox', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ conflicts: 2, clockWarning: true, clockSkewMs: -185_000 }), conflicts: [cancelAfterCheckIn()] }));
    const shown = await badge();
    expect(shown.textContent).toContain('충돌 2건');
    expect(shown.textContent).toContain('시계 확인');
    fireEvent.click(shown);
    const inbox = await screen.findByRole('region', { name: '충돌' });
    fireEvent.click(within(inbox).getByRole('button', { name: '동기화 상태 자세히 보기' }));
    const details = await screen.findByRole('dialog', { name: '동기화 상태' });
    expect(details.textContent).toContain('본사와 약 3분 다릅니다');
    expect(details.textContent).toContain('확인할 충돌2건');
  });

  describe('pressed', () => {
    const pressEnter = (element: Element) => {
      fireEvent.keyDown(element, { key: 'Enter' });
      fireEvent.keyUp(element, { key: 'Enter' });
    };

    it('opens the conflicts inbox while conflicts wait, by click', async () => {
      await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ conflicts: 1 }), conflicts: [cancelAfterCheckIn()] }));
      const shown = await badge();
      expect(shown.getAttribute('aria-haspopup')).toBeNull();
      expect(screen.getByRole('button', { name: /충돌 화면 열기/ })).toBe(shown);
      fireEvent.click(shown);
      expect(await screen.findByRole('heading', { level: 1, name: '충돌' })).toBeTruthy();
      expect((await screen.findByTestId('conflict')).textContent).toContain('이수진 님이 예약을 취소하려 했습니다.');
      expect(screen.getByRole('navigation').querySelector('[aria-current="page"]')?.textContent).toContain('충돌');
      expect(screen.queryByRole('dialog', { name: '동기화 상태' })).toBeNull();
    });

    it('opens the conflicts inbox by keyboard (Enter on the focused badge), and focus stays on the badge', async () => {
      await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ conflicts: 1 }), conflicts: [cancelAfterCheckIn()] }));
      const shown = await badge();
      act(() => shown.focus());
      pressEnter(shown);
      expect(await screen.findByRole('heading', { level: 1, name: '충돌' })).toBeTruthy();
      expect(document.activeElement).toBe(shown);
    });

    it('opens the details when no conflict waits, by keyboard; Esc closes them back onto the badge', async () => {
      await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ pending: 2 }) }));
      const shown = await badge();
      expect(shown.getAttribute('aria-haspopup')).toBe('dialog');
      expect(shown.getAttribute('aria-expanded')).toBe('false');
      act(() => shown.focus());
      pressEnter(shown);
      const details = await screen.findByRole('dialog', { name: '동기화 상태' });
      expect(shown.getAttribute('aria-expanded')).toBe('true');
      // The screen behind stays the day board (hidden from assistive technology while the popover is open).
      expect(screen.getByRole('heading', { level: 1, name: /오늘 현황/, hidden: true })).toBeTruthy();
      fireEvent.keyDown(details, { key: 'Escape' });
      await waitFor(() => expect(screen.queryByRole('dialog', { name: '동기화 상태' })).toBeNull());
      await waitFor(() => expect(document.activeElement).toBe(shown));
    });

    it('leads to the inbox once a conflict arrives, and to the details again once none waits', async () => {
      const { bridge, sync } = await renderSyncDesk(signedInClinic(), newSyncDesk());
      const shown = await badge();
      sync.status = syncStatus({ conflicts: 1 });
      sync.conflicts = [cancelAfterCheckIn()];
      await act(async () => {
        bridge.notify({ kind: 'sync' });
        await Promise.resolve();
      });
      await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('충돌 1건'));
      // The same button: whoever had focus on it keeps it.
      expect(screen.getByTestId('sync-badge')).toBe(shown);
      fireEvent.click(shown);
      expect(await screen.findByRole('heading', { level: 1, name: '충돌' })).toBeTruthy();
      sync.status = syncStatus({ conflicts: 0 });
      await act(async () => {
        bridge.notify({ kind: 'sync' });
        await Promise.resolve();
      });
      await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).not.toContain('충돌'));
      fireEvent.click(shown);
      expect(await screen.findByRole('dialog', { name: '동기화 상태' })).toBeTruthy();
    });
  });

  it('shows a progress bar while catching up with HQ', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ state: 'connecting', catchUp: { pulled: 1_200, head: 4_800 } }) }));
    const bar = await screen.findByRole('progressbar', { name: '본사 기록 받는 중' });
    expect(bar.getAttribute('aria-valuenow')).toBe('1200');
    expect(bar.getAttribute('aria-valuemax')).toBe('4800');
    expect(bar.textContent).toContain('1,200 / 4,800');
    expect(screen.getByTestId('sync-badge').textContent).toContain('받는 중 25%');
  });

  it('says when a new desk, everything received, is building its records from them', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ state: 'online', catchUp: { pulled: 4_800, head: 4_800, phase: 'building', built: 1_200, toBuild: 4_800 } }) }));
    await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('기록 정리 중 25%'));
    expect(screen.getByTestId('sync-badge').textContent).not.toContain('받는 중');
    // the bar under it shows the same: the records prepared, not the log received (which is whole)
    const bar = await screen.findByRole('progressbar', { name: '받은 기록 정리 중' });
    expect(bar.getAttribute('aria-valuenow')).toBe('1200');
    expect(bar.getAttribute('aria-valuemax')).toBe('4800');
  });

  it('says when the desk must be re-bound at HQ, with the command to run there', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ state: 'paused', online: false, needsRebind: true }) }));
    fireEvent.click(await badge());
    const details = await screen.findByRole('dialog', { name: '동기화 상태' });
    expect(details.textContent).toContain('npm run hq -- device rebind <deviceId>');
  });

  it('syncs now on request, and says so when the desk refuses', async () => {
    const { bridge, sync } = await renderSyncDesk(signedInClinic(), newSyncDesk());
    fireEvent.click(await badge());
    sync.refuse['sync.now'] = 'SYNC_NOT_CONFIGURED';
    fireEvent.click(await screen.findByRole('button', { name: '지금 동기화' }));
    expect((await screen.findByRole('alert')).textContent).toBe('본사 서버에 연결되어 있지 않습니다.');
    expect(bridge.calls.filter((call) => call.method === 'sync.now')).toHaveLength(1);
  });

  it('says quietly that the sync status is unknown when the desk could not tell, and shows it once it can', async () => {
    const sync = newSyncDesk();
    sync.refuse['sync.status'] = 'INTERNAL';
    const { bridge } = await renderSyncDesk(signedInClinic(), sync);
    expect((await screen.findByTestId('sync')).textContent).toBe('동기화 상태 모름');
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => {
      bridge.notify({ kind: 'sync' });
      await Promise.resolve();
    });
    expect((await badge()).textContent).toContain('온라인');
    expect(screen.getByTestId('sync-badge').textContent).not.toContain('14:21 동기화');
  });

  it('speaks English when the desk does', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: syncStatus({ state: 'offline', online: false, pending: 1, conflicts: 1 }) }), 'en');
    const shown = await badge();
    expect(shown.textContent).toContain('Offline');
    expect(shown.textContent).toContain('1 waiting');
    expect(shown.textContent).toContain('1 conflict');
  });

  it('is not there before anyone signs in, and asks nothing of sync then', async () => {
    const { bridge } = await renderSyncDesk(newClinicDesk(), newSyncDesk());
    await screen.findByRole('heading', { name: '로그인' });
    expect(screen.queryByTestId('sync-badge')).toBeNull();
    expect(bridge.calls.some((call) => call.method === 'sync.status')).toBe(false);
  });
});
