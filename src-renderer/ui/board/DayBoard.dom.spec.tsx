import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';
import { boardVisit, deskStatus, newClinicDesk, PATIENT, renderDesk, sessionOf, STAFF, visitIdOf } from '../../testing/clinic-fixture.js';

const signedIn = (overrides: Parameters<typeof newClinicDesk>[0] = {}) => newClinicDesk({ ...overrides, status: { ...newClinicDesk().status, session: sessionOf(STAFF.desk) } });

describe('the day board', () => {
  it('says what to do next when the day has no visits', async () => {
    await renderDesk(signedIn());
    expect(await screen.findByText('오늘 예약이 없습니다 — n 키로 새 예약')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /오늘 현황 12월 1일 \(화\)/ })).toBeTruthy();
    expect(screen.getByText('₩0')).toBeTruthy();
  });

  it('says so in a sentence when the board cannot be read, and keeps the frame', async () => {
    const { bridge } = await renderDesk(signedIn());
    bridge.script['board.day'] = () => ({ ok: false, error: { code: 'INTERNAL', message: 'disk I/O error' } });
    await act(async () => {
      bridge.notify({ kind: 'events' });
      await Promise.resolve();
    });
    expect((await screen.findByRole('alert')).textContent).toBe('데스크에서 오류가 났습니다. 바뀐 것은 없습니다.');
    expect(screen.getByTestId('signed-in-name').textContent).toBe('이수진');
  });

  it('says above the columns, in words, when the clinic has no active manager and how to restore one', async () => {
    await renderDesk(signedIn({ visits: [boardVisit(1, 'reserved')], warnings: [{ kind: 'no-active-manager', staffCount: 5 }] }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('활성 관리자가 없어');
    expect(alert.textContent).toContain('restore-manager');
  });

  it('shows no such line while the clinic has a manager', async () => {
    await renderDesk(signedIn({ visits: [boardVisit(1, 'reserved')] }));
    await screen.findByText('홍길동');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows each visit in its stage column with time, patient, doctor, next step, waited minutes and warnings', async () => {
    const visits = [
      boardVisit(1, 'reserved', { purpose: '사각턱 보톡스 상담' }),
      boardVisit(2, 'waiting', { patientName: '김민수', checkedInAt: '2026-12-01T05:20:00.000Z', patientId: 'p-2' }),
      boardVisit(3, 'payment', { patientName: '이서윤', balance: 225_000, received: 50_000, checkedInAt: '2026-12-01T05:50:00.000Z', patientId: 'p-3' }),
      boardVisit(4, 'canceled', { patientName: '박지호', patientId: 'p-4' }),
    ];
    await renderDesk(
      signedIn({
        visits,
        warnings: [{ kind: 'doctor-double-booked', doctorId: STAFF.doctor.staffId, doctorName: '최민호', visitIds: [visitIdOf(1), 'other'], from: visits[0]?.startAt ?? '', to: visits[0]?.endAt ?? '' }],
      }),
    );
    const reserved = await screen.findByRole('region', { name: /예약/ });
    const card = within(reserved).getByRole('button', { name: /홍길동/ });
    expect(card.textContent).toMatch(/14:30/);
    expect(card.textContent).toMatch(/D7A3-1/);
    expect(card.textContent).toMatch(/최민호/);
    expect(card.textContent).toMatch(/사각턱 보톡스 상담/);
    expect(card.textContent).toMatch(/중복 예약/);

    const waiting = screen.getByRole('region', { name: /^접수/ });
    const waited = within(waiting).getByText('40분 대기');
    expect(waited.className).toMatch(/red/);
    const payment = screen.getByRole('region', { name: /^결제/ });
    expect(within(payment).getByText('결제 ₩225,000')).toBeTruthy();
    expect(within(payment).getByText('10분 대기').className).toMatch(/calm/);
    // canceled is folded aside with its count
    expect(screen.getByText('취소 · 노쇼 · 이탈').parentElement?.textContent).toMatch(/1/);
    expect(screen.getByText('₩50,000')).toBeTruthy();
  });

  it('opens a visit from its card, and Esc closes the drawer back onto the card', async () => {
    const desk = signedIn({ visits: [boardVisit(1, 'reserved')] });
    desk.states.set(visitIdOf(1), (await import('../../testing/clinic-fixture.js')).reservedState());
    await renderDesk(desk);
    const card = await screen.findByRole('button', { name: /홍길동/ });
    card.focus();
    fireEvent.click(card);
    const drawer = await screen.findByRole('dialog', { name: '홍길동' });
    expect(within(drawer).getByRole('button', { name: '체크인' })).toBeTruthy();
    fireEvent.keyDown(drawer, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(card));
  });

  it('moves between cards with the arrow keys and opens the new reservation with n', async () => {
    await renderDesk(
      signedIn({ visits: [boardVisit(1, 'reserved', { patientName: '가' }), boardVisit(2, 'reserved', { patientName: '나' }), boardVisit(3, 'waiting', { patientName: '다' })] }),
    );
    const first = await screen.findByRole('button', { name: /^14:30가/ });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toMatch(/나/);
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toMatch(/다/);
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(await screen.findByRole('dialog', { name: '새 예약' })).toBeTruthy();
  });

  it('shows a change made elsewhere in place, with a highlight and a toast line that does not take focus', async () => {
    const desk = signedIn({ visits: [boardVisit(1, 'reserved')] });
    const { bridge } = await renderDesk(desk);
    const card = await screen.findByRole('button', { name: /홍길동/ });
    card.focus();
    desk.visits = [boardVisit(1, 'waiting', { version: 2 })];
    await act(async () => {
      bridge.notify({ kind: 'events', streamIds: [visitIdOf(1)] });
      await Promise.resolve();
    });
    const moved = await within(screen.getByRole('region', { name: /^접수/ })).findByRole('button', { name: /홍길동/ });
    expect(moved.className).toMatch(/changed/);
    await waitFor(() => expect(screen.getByRole('status', { name: '알림' }).textContent).toBe('다른 화면: 홍길동 체크인'));
    expect(document.activeElement === document.body || document.activeElement?.classList.contains('card')).toBe(true);
  });

  it('fills in quietly when every list changed at once (a new desk`s records built): no highlight, no toast lines', async () => {
    const desk = signedIn();
    const { bridge } = await renderDesk(desk);
    await screen.findByText('오늘 예약이 없습니다 — n 키로 새 예약');
    desk.visits = [boardVisit(1, 'reserved'), boardVisit(2, 'waiting')];
    await act(async () => {
      bridge.notify({ kind: 'events', position: 500 });
      await Promise.resolve();
    });
    const card = await within(screen.getByRole('region', { name: /^접수/ })).findByRole('button', { name: /./ });
    expect(card.className).not.toMatch(/changed/);
    // what a change by another desk would show, had it been one: nothing, once the reads settled
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.getByRole('status', { name: '알림' }).textContent).toBe('');
  });

  describe('names where a change came from, by the desk that recorded its event', () => {
    const OTHER_DESK = '0190f5d2-9c1e-7a3b-8c4d-00000000d2d2';
    /** The visit's events as the desk keeps them: reserved here, then checked in on `device`. */
    const historyBy = (device: string) => [
      envelope(1, 'Reserved', deskStatus().installationId),
      envelope(2, 'CheckedIn', device),
    ];
    const envelope = (version: number, type: string, deviceId: string): EventEnvelope => ({
      eventId: `e-${version}`,
      streamType: 'visit',
      streamId: visitIdOf(1),
      version,
      type,
      schemaVersion: 1,
      data: {},
      meta: { commandId: `c-${version}`, processId: `c-${version}`, initiator: STAFF.counselor.staffId, predecessorId: `c-${version}`, deviceId, raisedAt: '2026-12-01T05:28:00.000Z', appVersion: '0.1.0' },
    });
    const checkedInBy = async (device: string, language: 'ko' | 'en' = 'ko') => {
      const desk = signedIn({ visits: [boardVisit(1, 'reserved')] });
      const { bridge } = await renderDesk(desk, language);
      await screen.findByRole('button', { name: /홍길동/ });
      bridge.script['visit.history'] = ({ visitId }) => ({ ok: true, result: { events: visitId === visitIdOf(1) ? historyBy(device) : [] } });
      desk.visits = [boardVisit(1, 'waiting', { version: 2 })];
      await act(async () => {
        bridge.notify({ kind: 'events', streamIds: [visitIdOf(1)] });
        await Promise.resolve();
      });
      return { bridge };
    };
    const toastLine = () => screen.getByRole('status', { name: /^(알림|Notices)$/ }).textContent;

    it('another desk, by its short name (as the conflicts and the history name it)', async () => {
      const { bridge } = await checkedInBy(OTHER_DESK);
      await waitFor(() => expect(toastLine()).toBe('데스크 D0D2D2: 홍길동 체크인'));
      expect(bridge.calls.filter((call) => call.method === 'visit.history').map((call) => call.args)).toEqual([{ visitId: visitIdOf(1) }]);
    });

    it('another screen of this desk as "다른 화면"', async () => {
      await checkedInBy(deskStatus().installationId);
      await waitFor(() => expect(toastLine()).toBe('다른 화면: 홍길동 체크인'));
    });

    it('in English too', async () => {
      await checkedInBy(OTHER_DESK, 'en');
      await waitFor(() => expect(toastLine()).toBe('desk D0D2D2: 홍길동 checked in'));
    });

    it('"다른 화면" when the desk cannot tell whose event it was, and the toast still comes', async () => {
      const desk = signedIn({ visits: [boardVisit(1, 'reserved')] });
      const { bridge } = await renderDesk(desk);
      await screen.findByRole('button', { name: /홍길동/ });
      bridge.script['visit.history'] = () => ({ ok: false, error: { code: 'INTERNAL', message: 'disk I/O error' } });
      desk.visits = [boardVisit(1, 'waiting', { version: 2 })];
      await act(async () => {
        bridge.notify({ kind: 'events', streamIds: [visitIdOf(1)] });
        await Promise.resolve();
      });
      await waitFor(() => expect(toastLine()).toBe('다른 화면: 홍길동 체크인'));
    });
  });

  it('narrows the board to the patients the search finds (/ focuses it)', async () => {
    await renderDesk(signedIn({ visits: [boardVisit(1, 'reserved'), boardVisit(2, 'reserved', { patientName: '김민수', patientId: 'p-2' })] }));
    await screen.findByRole('button', { name: /김민수/ });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: '환자 찾기' }));
    fireEvent.change(document.activeElement as Element, { target: { value: '5678' } });
    await waitFor(() => expect(screen.queryByRole('button', { name: /김민수/ })).toBeNull());
    expect(screen.getByRole('button', { name: new RegExp(PATIENT.name) })).toBeTruthy();
  });

  it('speaks English when switched, with the same board', async () => {
    await renderDesk(signedIn({ visits: [boardVisit(1, 'reserved')] }));
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: /Day board Tue, Dec 1/ })).toBeTruthy();
    expect(screen.getByRole('region', { name: /Reserved/ })).toBeTruthy();
  });
});
