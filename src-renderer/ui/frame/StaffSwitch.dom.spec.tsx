import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newClinicDesk, renderDesk, sessionOf, STAFF } from '../../testing/clinic-fixture.js';

const signedInAs = async () => {
  const desk = newClinicDesk();
  desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
  return renderDesk(desk);
};

describe('the quick staff switch', () => {
  it('hands the desk to the next person with one click and their PIN', async () => {
    const { bridge } = await signedInAs();
    fireEvent.click(await screen.findByRole('button', { name: '직원 전환' }));
    const dialog = await screen.findByRole('dialog', { name: '직원 전환' });
    expect(within(dialog).queryByRole('radio', { name: /이수진/ })).toBeNull();
    fireEvent.click(within(dialog).getByRole('radio', { name: /박서연/ }));
    fireEvent.change(within(dialog).getByLabelText('PIN'), { target: { value: '0000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '전환' }));
    await waitFor(() => expect(screen.getByTestId('signed-in-name').textContent).toBe('박서연'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.calls).toContainEqual({ method: 'session.signIn', args: { staffId: STAFF.counselor.staffId, pin: '0000' } });
  });

  it('keeps the current person signed in after a wrong PIN, and says so', async () => {
    await signedInAs();
    fireEvent.click(await screen.findByRole('button', { name: '직원 전환' }));
    const dialog = await screen.findByRole('dialog', { name: '직원 전환' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /박서연/ }));
    fireEvent.change(within(dialog).getByLabelText('PIN'), { target: { value: '9999' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '전환' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('PIN이 맞지 않습니다.');
    expect(screen.getByTestId('signed-in-name').textContent).toBe('이수진');
  });

  it('says in plain words that the desk signed out after idling', async () => {
    const { desk, bridge } = await signedInAs();
    await screen.findByTestId('signed-in-name');
    desk.status = { ...desk.status, session: null };
    const { act } = await import('@testing-library/react');
    const realNow = Date.now;
    Date.now = () => realNow() + 11 * 60_000;
    try {
      await act(async () => {
        bridge.notify({ kind: 'session' });
        await Promise.resolve();
      });
      expect(await screen.findByText('10분 동안 사용하지 않아 자동으로 로그아웃되었습니다. 다시 로그인해 주세요.')).toBeTruthy();
    } finally {
      Date.now = realNow;
    }
  });
});
