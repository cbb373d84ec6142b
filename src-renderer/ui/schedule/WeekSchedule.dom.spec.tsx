import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ScheduledVisit, Warning } from '../../../shared/contract/desk-views.js';
import { newClinicDesk, PATIENT, renderDesk, reservedState, sessionOf, STAFF, visitIdOf } from '../../testing/clinic-fixture.js';

const booking = (n: number, startAt: string, endAt: string, overrides: Partial<ScheduledVisit> = {}): ScheduledVisit => ({
  visitId: visitIdOf(n),
  patientId: PATIENT.patientId,
  patientName: `환자${n}`,
  doctorId: STAFF.doctor.staffId,
  doctorName: STAFF.doctor.name,
  startAt,
  endAt,
  stage: 'reserved',
  ...overrides,
});

const WEEK = [
  booking(1, '2026-12-01T05:30:00.000Z', '2026-12-01T06:00:00.000Z', { patientName: '홍길동' }), // Tue 14:30
  booking(2, '2026-12-01T05:45:00.000Z', '2026-12-01T06:15:00.000Z', { patientName: '김민수' }), // Tue 14:45, overlaps
  booking(3, '2026-12-03T01:00:00.000Z', '2026-12-03T01:30:00.000Z', { patientName: '이하늘', doctorId: null, doctorName: null, stage: 'checked-out' }), // Thu 10:00
];
const OVERLAP: Warning = { kind: 'doctor-double-booked', doctorId: STAFF.doctor.staffId, doctorName: STAFF.doctor.name, visitIds: [visitIdOf(1), visitIdOf(2)], from: WEEK[1]?.startAt ?? '', to: WEEK[0]?.endAt ?? '' };

const openSchedule = async (schedule: ScheduledVisit[] = WEEK, warnings: Warning[] = [OVERLAP]) => {
  const desk = newClinicDesk({ schedule, warnings });
  desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
  desk.states.set(visitIdOf(1), reservedState());
  const rendered = await renderDesk(desk);
  fireEvent.click(await screen.findByRole('button', { name: '주간 일정' }));
  await screen.findByRole('heading', { name: /주간 일정/ });
  return rendered;
};

const ranges = (bridge: Awaited<ReturnType<typeof renderDesk>>['bridge']) => bridge.calls.filter((call) => call.method === 'schedule.range').map((call) => call.args);
const cellOf = (doctor: string, dayColumn: number) => {
  const row = screen.getByRole('rowheader', { name: doctor }).closest('tr') as HTMLElement;
  return within(row).getAllByRole('cell')[dayColumn] as HTMLElement;
};

describe('the week schedule', () => {
  it('shows the clinic week with doctors as rows and reservations as blocks on their day', async () => {
    const { bridge } = await openSchedule();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('주간 일정 11월 30일 (월) – 12월 6일 (일)');
    expect(ranges(bridge)[0]).toEqual({ from: '2026-11-29T15:00:00.000Z', to: '2026-12-06T15:00:00.000Z' });
    await waitFor(() => expect(within(cellOf('최민호', 1)).getAllByRole('button')).toHaveLength(2));
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['담당의', '11월 30일 (월)', '12월 1일 (화)', '12월 2일 (수)', '12월 3일 (목)', '12월 4일 (금)', '12월 5일 (토)', '12월 6일 (일)']);
    expect(screen.getByRole('columnheader', { name: '12월 1일 (화)' }).getAttribute('aria-current')).toBe('date');
    expect(within(cellOf('담당의 미정', 3)).getByRole('button').textContent).toBe('10:00–10:30이하늘퇴실');
    expect(within(cellOf('최민호', 0)).queryAllByRole('button')).toHaveLength(0);
  });

  it('marks both overlapping bookings of a doctor with an icon and a word', async () => {
    await openSchedule();
    await waitFor(() => expect(within(cellOf('최민호', 1)).getAllByRole('button')).toHaveLength(2));
    expect(within(cellOf('최민호', 1)).getAllByRole('button').map((block) => block.textContent)).toEqual([
      '14:30–15:00홍길동예약 중복 예약',
      '14:45–15:15김민수예약 중복 예약',
    ]);
    expect(screen.getByText(/겹치는 예약 2건/)).toBeTruthy();
    expect(within(cellOf('담당의 미정', 3)).getByRole('button').className).not.toMatch('overlapping');
  });

  it('moves by week and to the week of a date, asking the desk for that week', async () => {
    const { bridge } = await openSchedule();
    fireEvent.click(screen.getByRole('button', { name: /다음 주/ }));
    await waitFor(() => expect(ranges(bridge).at(-1)).toEqual({ from: '2026-12-06T15:00:00.000Z', to: '2026-12-13T15:00:00.000Z' }));
    fireEvent.change(screen.getByLabelText('날짜로 이동'), { target: { value: '2027-01-01' } });
    await waitFor(() => expect(ranges(bridge).at(-1)).toEqual({ from: '2026-12-27T15:00:00.000Z', to: '2027-01-03T15:00:00.000Z' }));
    fireEvent.click(screen.getByRole('button', { name: '이번 주' }));
    await waitFor(() => expect(ranges(bridge).at(-1)).toEqual({ from: '2026-11-29T15:00:00.000Z', to: '2026-12-06T15:00:00.000Z' }));
  });

  it('opens the visit of a block in the drawer', async () => {
    await openSchedule();
    fireEvent.click(await screen.findByRole('button', { name: /홍길동/ }));
    expect(await screen.findByRole('dialog', { name: '홍길동' })).toBeTruthy();
  });

  it('says what to do in an empty week, and keeps the doctors’ rows', async () => {
    await openSchedule([], []);
    expect(await screen.findByText('이 주에는 예약이 없습니다 — 현황판에서 n 키로 새 예약')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: '최민호' })).toBeTruthy();
  });

  it('shows a failed read as a sentence with a retry', async () => {
    const desk = newClinicDesk();
    desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
    const { bridge } = await renderDesk(desk);
    bridge.script['schedule.range'] = () => ({ ok: false, error: { code: 'HOST_UNREACHABLE', message: 'fetch failed' } });
    fireEvent.click(await screen.findByRole('button', { name: '주간 일정' }));
    expect((await screen.findByRole('alert')).textContent).toMatch('데스크 프로그램에 연결할 수 없습니다.');
    bridge.script['schedule.range'] = () => ({ ok: true, result: { items: WEEK } });
    fireEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(await screen.findByRole('button', { name: /홍길동/ })).toBeTruthy();
  });

  it('re-reads the week when events arrive (another desk booked)', async () => {
    const { bridge, desk } = await openSchedule([], []);
    await screen.findByText(/이 주에는 예약이 없습니다/);
    desk.schedule = [WEEK[0] as ScheduledVisit];
    act(() => bridge.notify({ kind: 'events', streamIds: [visitIdOf(1)] }));
    expect(await screen.findByRole('button', { name: /홍길동/ })).toBeTruthy();
  });
});
