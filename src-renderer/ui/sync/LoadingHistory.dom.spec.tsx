import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatchUp, DeskStatus } from '../../../shared/contract/desk-views.js';
import { deskStatus, newClinicDesk, renderDesk } from '../../testing/clinic-fixture.js';
import { newSyncDesk, renderSyncDesk, signedInClinic, syncStatus } from './testing/sync-fixture.js';

const loading = (catchUp: NonNullable<ReturnType<typeof syncStatus>['catchUp']>) => syncStatus({ state: 'online', loadingHistory: true, catchUp });

describe('a new desk loading the clinic`s history', () => {
  it('given the records still arriving, the day board says so instead of "no reservations", and offers no reservation yet', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: loading({ pulled: 250_000, head: 1_000_000, phase: 'pulling' }) }));
    const notice = await screen.findByTestId('loading-history');
    expect(notice.textContent).toBe('이 데스크는 병원의 기록을 본사에서 받는 중입니다 (25%). 끝나면 예약·환자·기록이 보이고, 그때부터 입력할 수 있습니다.');
    expect(screen.queryByText('오늘 예약이 없습니다 — n 키로 새 예약')).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /새 예약/ }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '당일 접수' }).disabled).toBe(true);
    fireEvent.keyDown(document, { key: 'n' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('given everything received and the records being prepared, says how far that is', async () => {
    await renderSyncDesk(signedInClinic(), newSyncDesk({ status: loading({ pulled: 1_000_000, head: 1_000_000, phase: 'building', built: 600_000, toBuild: 1_000_000 }) }));
    expect((await screen.findByTestId('loading-history')).textContent).toContain('받은 병원 기록을 정리하는 중입니다 (60%).');
    expect(screen.getByTestId('loading-history-phase').textContent).toBe('받은 기록 정리 중');
  });

  it('when the history is in, the notice goes and the board and its buttons are as on any desk', async () => {
    const { bridge, sync } = await renderSyncDesk(signedInClinic(), newSyncDesk({ status: loading({ pulled: 10, head: 100, phase: 'pulling' }) }));
    await screen.findByTestId('loading-history');
    sync.status = syncStatus({ state: 'online' });
    await act(async () => {
      bridge.notify({ kind: 'sync' });
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.queryByTestId('loading-history')).toBeNull());
    expect(await screen.findByText('오늘 예약이 없습니다 — n 키로 새 예약')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /새 예약/ }).disabled).toBe(false);
    fireEvent.keyDown(document, { key: 'n' });
    expect(await screen.findByRole('dialog')).toBeTruthy();
  });
});

describe('before anyone signs in at a new desk loading the clinic`s history', () => {
  /** A signed-out desk whose desk.status says it is loading (null: it is not). */
  const signedOut = (catchUp: CatchUp | null | 'not loading') =>
    renderDesk(newClinicDesk({ status: deskStatus({ loading: catchUp === 'not loading' ? null : { catchUp } }) }));

  it('the sign-in screen says the records are arriving, with how far, above the staff picker', async () => {
    await signedOut({ pulled: 250_000, head: 1_000_000, phase: 'pulling' });
    const form = await screen.findByRole('form', { name: '로그인' });
    expect(form.querySelector('[data-testid="loading-history"]')?.textContent).toBe(
      '이 데스크는 병원의 기록을 본사에서 받는 중입니다 (25%). 끝나면 예약·환자·기록이 보이고, 그때부터 입력할 수 있습니다.',
    );
    expect(screen.getByRole('radio', { name: /김지현/ })).toBeTruthy();
  });

  it('says how far the records are prepared once they are all received', async () => {
    await signedOut({ pulled: 1_000_000, head: 1_000_000, phase: 'building', built: 600_000, toBuild: 1_000_000 });
    expect((await screen.findByTestId('loading-history')).textContent).toContain('받은 병원 기록을 정리하는 중입니다 (60%).');
  });

  it('tells a screen reader the phase in a live region of its own, without the percent that moves every second', async () => {
    await signedOut({ pulled: 250_000, head: 1_000_000, phase: 'pulling' });
    const live = await screen.findByTestId('loading-history-phase');
    expect({ role: live.getAttribute('role'), text: live.textContent }).toEqual({ role: 'status', text: '본사 기록 받는 중' });
    expect(screen.getByTestId('loading-history').getAttribute('role')).toBeNull();
  });

  it('says nothing of it on a desk that is not loading', async () => {
    await signedOut('not loading');
    await screen.findByRole('radio', { name: /김지현/ });
    expect(screen.queryByTestId('loading-history')).toBeNull();
  });

  it('follows the loading as sync moves on, and the notice goes when the desk is built', async () => {
    const { bridge, desk } = await signedOut({ pulled: 100, head: 1_000, phase: 'pulling' });
    expect((await screen.findByTestId('loading-history')).textContent).toContain('(10%)');
    const moved = async (loading: DeskStatus['loading']) => {
      desk.status = deskStatus({ loading });
      await act(async () => {
        bridge.notify({ kind: 'sync' });
        await Promise.resolve();
      });
    };
    await moved({ catchUp: { pulled: 1_000, head: 1_000, phase: 'building', built: 450, toBuild: 1_000 } });
    await waitFor(() => expect(screen.getByTestId('loading-history').textContent).toContain('받은 병원 기록을 정리하는 중입니다 (45%).'));
    await moved(null);
    await waitFor(() => expect(screen.queryByTestId('loading-history')).toBeNull());
    expect(screen.getByRole('button', { name: '로그인' })).toBeTruthy();
  });
});
