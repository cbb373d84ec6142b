import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newClinicDesk, sessionOf, STAFF } from '../../testing/clinic-fixture.js';
import { cancelAfterCheckIn, newSyncDesk, renderSyncDesk, syncStatus } from '../sync/testing/sync-fixture.js';

const signedIn = (staff: (typeof STAFF)[keyof typeof STAFF] = STAFF.desk) => {
  const clinic = newClinicDesk();
  clinic.status = { ...clinic.status, session: sessionOf(staff) };
  return clinic;
};

const nav = () => screen.getByRole('navigation', { name: /^(화면|Screens)$/ });
const conflictsEntry = () => within(nav()).getByRole('button', { name: /^(충돌|Conflicts)/ });

describe('the conflicts entry of the left navigation', () => {
  it('carries the count of open conflicts, heard as part of its name ("충돌 2건")', async () => {
    await renderSyncDesk(signedIn(), newSyncDesk({ status: syncStatus({ conflicts: 2 }) }));
    await waitFor(() => expect(within(nav()).getByRole('button', { name: '충돌 2건' })).toBeTruthy());
    expect(screen.getByTestId('nav-conflicts').textContent).toBe('2건');
    // What the entry shows is its name, word for word (WCAG's label in name).
    expect(conflictsEntry().textContent).toBe('충돌 2건');
    // The other entries keep their own names.
    expect(within(nav()).getByRole('button', { name: '오늘 현황' })).toBeTruthy();
  });

  it('is the plain word when none is open', async () => {
    await renderSyncDesk(signedIn(), newSyncDesk());
    await screen.findByTestId('sync-badge');
    expect(conflictsEntry().getAttribute('aria-label')).toBeNull();
    expect(within(nav()).getByRole('button', { name: '충돌' })).toBe(conflictsEntry());
    expect(screen.queryByTestId('nav-conflicts')).toBeNull();
  });

  it('follows sync notices: the count comes, grows and goes by itself', async () => {
    const { bridge, sync } = await renderSyncDesk(signedIn(), newSyncDesk());
    await screen.findByTestId('sync-badge');
    const notice = async () =>
      act(async () => {
        bridge.notify({ kind: 'sync' });
        await Promise.resolve();
      });
    sync.status = syncStatus({ conflicts: 1 });
    await notice();
    await waitFor(() => expect(conflictsEntry().getAttribute('aria-label')).toBe('충돌 1건'));
    sync.status = syncStatus({ conflicts: 3 });
    await notice();
    await waitFor(() => expect(screen.getByTestId('nav-conflicts').textContent).toBe('3건'));
    expect(conflictsEntry().getAttribute('aria-label')).toBe('충돌 3건');
    sync.status = syncStatus({ conflicts: 0 });
    await notice();
    await waitFor(() => expect(screen.queryByTestId('nav-conflicts')).toBeNull());
    expect(conflictsEntry().getAttribute('aria-label')).toBeNull();
  });

  it('goes down when a conflict is resolved in the inbox', async () => {
    await renderSyncDesk(signedIn(STAFF.manager), newSyncDesk({ status: syncStatus({ conflicts: 1 }), conflicts: [cancelAfterCheckIn()] }));
    await waitFor(() => expect(conflictsEntry().getAttribute('aria-label')).toBe('충돌 1건'));
    fireEvent.click(conflictsEntry());
    fireEvent.click(await screen.findByRole('button', { name: '요청 철회' }));
    const dialog = await screen.findByRole('dialog', { name: '요청 철회' });
    fireEvent.change(within(dialog).getByLabelText(/철회 사유/), { target: { value: '이미 체크인하여 진료 중' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '철회' }));
    await waitFor(() => expect(screen.queryByTestId('nav-conflicts')).toBeNull());
    expect(conflictsEntry().getAttribute('aria-current')).toBe('page');
  });

  it('speaks English when the desk does', async () => {
    await renderSyncDesk(signedIn(), newSyncDesk({ status: syncStatus({ conflicts: 1 }) }), 'en');
    await waitFor(() => expect(within(nav()).getByRole('button', { name: 'Conflicts 1 open' })).toBeTruthy());
    expect(conflictsEntry().textContent).toBe('Conflicts 1');
  });
});

describe('the screen shown', () => {
  it('gives way to the day board when the person now signed in may not open it', async () => {
    const { clinic } = await renderSyncDesk(signedIn(STAFF.manager), newSyncDesk());
    fireEvent.click(within(nav()).getByRole('button', { name: '기록 조회' }));
    expect(await screen.findByRole('heading', { level: 1, name: '기록 조회' })).toBeTruthy();
    // The quick switch to a desk coordinator, who may not read the audit trail.
    fireEvent.click(screen.getByRole('button', { name: '직원 전환' }));
    const dialog = await screen.findByRole('dialog', { name: '직원 전환' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /이수진/ }));
    fireEvent.change(within(dialog).getByLabelText('PIN'), { target: { value: '0000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '전환' }));
    await waitFor(() => expect(screen.getByTestId('signed-in-name').textContent).toBe('이수진'));
    expect(await screen.findByRole('heading', { level: 1, name: /오늘 현황/ })).toBeTruthy();
    expect(within(nav()).queryByRole('button', { name: '기록 조회' })).toBeNull();
    expect(clinic.status.session?.staffId).toBe(STAFF.desk.staffId);
  });

  it('starts on the day board for whoever signs in next', async () => {
    await renderSyncDesk(signedIn(STAFF.manager), newSyncDesk());
    fireEvent.click(within(nav()).getByRole('button', { name: '설정' }));
    expect(await screen.findByRole('heading', { level: 1, name: '설정' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '로그아웃' }));
    fireEvent.click(await screen.findByRole('radio', { name: /김지현/ }));
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '0000' } });
    fireEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('heading', { level: 1, name: /오늘 현황/ })).toBeTruthy();
    expect(within(nav()).getByRole('button', { name: '오늘 현황' }).getAttribute('aria-current')).toBe('page');
  });
});
