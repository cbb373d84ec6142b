import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VisitEvent } from '../../../shared/clinic/visit/events.js';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';
import { item, step as on, visitStateOf } from '../../testing/visit-steps.js';
import { boardVisit, newClinicDesk, renderDesk, reservedState, sessionOf, STAFF, visitIdOf } from '../../testing/clinic-fixture.js';


const OTHER_DESK = '0190f5d2-9c1e-7a3b-8c4d-0000000000ff';
const VISIT = visitIdOf(1);
const HISTORY: { event: VisitEvent; by: string; device: string; at: string }[] = [
  { event: on.reserved('보톡스'), by: STAFF.desk.staffId, device: OTHER_DESK, at: '2026-11-28T01:10:00.000Z' },
  { event: on.checkedIn(), by: STAFF.desk.staffId, device: 'self', at: '2026-12-01T05:28:00.000Z' },
  { event: on.consultationStarted(), by: STAFF.counselor.staffId, device: 'self', at: '2026-12-01T05:31:00.000Z' },
  { event: on.consultationCompleted([item('1', '보톡스 (사각턱)', 150_000, 10_000)]), by: STAFF.counselor.staffId, device: 'self', at: '2026-12-01T05:50:00.000Z' },
];

/** The desk with one visit whose history is HISTORY; visit.stateAt answers from the events, as the desk does. */
const openHistory = async (history = HISTORY, stateAt?: () => never) => {
  const desk = newClinicDesk({ visits: [boardVisit(1, 'procedure')] });
  desk.status = { ...desk.status, session: sessionOf(STAFF.manager) };
  const events = history.map((step) => step.event);
  desk.states.set(VISIT, events.length ? visitStateOf(events) : reservedState());
  const rendered = await renderDesk(desk);
  const envelopes: EventEnvelope[] = history.map((step, index) => ({
    eventId: `e-${index}`,
    streamType: 'visit',
    streamId: VISIT,
    version: index + 1,
    type: step.event.type,
    schemaVersion: 1,
    data: step.event.data,
    meta: { commandId: `c-${index}`, processId: `c-${index}`, initiator: step.by, predecessorId: `c-${index}`, deviceId: step.device === 'self' ? desk.status.installationId : step.device, raisedAt: step.at, appVersion: '0.1.0' },
  }));
  rendered.bridge.script['visit.history'] = () => ({ ok: true, result: { events: envelopes } });
  rendered.bridge.script['visit.stateAt'] = (args) =>
    stateAt ? stateAt() : { ok: true, result: { visitId: VISIT, version: 'version' in args ? args.version : 0, state: visitStateOf(events.slice(0, 'version' in args ? args.version : 0)) } };
  fireEvent.click(await screen.findByRole('button', { name: /홍길동/ }));
  const drawer = await screen.findByRole('dialog', { name: '홍길동' });
  fireEvent.click(await within(drawer).findByRole('button', { name: /변경 기록 보기/ }));
  const dialog = await screen.findByRole('dialog', { name: '홍길동 — 방문 기록' });
  return { ...rendered, dialog, envelopes, events };
};

const changedFacts = (dialog: HTMLElement) => [...dialog.querySelectorAll('.fact.changed')].map((fact) => fact.getAttribute('data-fact'));

describe('the visit history with time travel', () => {
  it('lists every event with who did it, on which desk and when, and opens at the newest step', async () => {
    const { dialog } = await openHistory();
    const steps = within(within(dialog).getByRole('list', { name: '변경 순서' })).getAllByRole('button');
    expect(steps.map((step) => step.textContent)).toEqual([
      '1예약 · 14:30–15:0011월 28일 (토) 10:10 · 이수진 · 데스크 D000FF',
      '2체크인 · 도착 14:2812월 1일 (화) 14:28 · 이수진 · 이 데스크',
      '3상담 시작 · 박서연12월 1일 (화) 14:31 · 박서연 · 이 데스크',
      '4상담 완료 · 시술 계획 · 보톡스 (사각턱)12월 1일 (화) 14:50 · 박서연 · 이 데스크',
    ]);
    expect(steps[3]?.getAttribute('aria-current')).toBe('step');
    expect(within(dialog).getByRole('slider', { name: '기록 단계' })).toHaveProperty('value', '4');
    await waitFor(() => expect(changedFacts(dialog).sort()).toEqual(['balance', 'consultation', 'stage']));
    expect(dialog.querySelector('.snapshot-plan')?.classList.contains('changed')).toBe(true);
    expect(within(dialog).getByTestId('snapshot-balance').textContent).toBe('₩140,000');
    expect(dialog.querySelector('tr.changed')?.textContent).toMatch('보톡스 (사각턱)');
  });

  it('shows the visit as it was at an earlier step, with that step’s change marked, by arrow keys and by clicking a step', async () => {
    const { dialog, bridge } = await openHistory();
    const slider = within(dialog).getByRole('slider', { name: '기록 단계' });
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    await waitFor(() => expect(within(dialog).getByTestId('step-caption').textContent).toBe('체크인 — 12월 1일 (화) 14:28 · 이수진 · 이 데스크'));
    await waitFor(() => expect(changedFacts(dialog).sort()).toEqual(['checkedIn', 'stage']));
    expect(dialog.querySelector('[data-fact="stage"] dd')?.textContent).toBe('접수');
    expect(within(dialog).getByTestId('snapshot-balance').textContent).toBe('₩0');
    expect(bridge.calls).toContainEqual({ method: 'visit.stateAt', args: { visitId: VISIT, version: 2 } });

    fireEvent.click(within(dialog).getByRole('button', { name: /^1예약/ }));
    await waitFor(() => expect(changedFacts(dialog).sort()).toEqual(['purpose', 'reservation', 'stage']));
    expect(dialog.querySelector('[data-fact="purpose"] dd')?.textContent).toBe('보톡스');
    // The arrows step through the timeline too, not only on the slider.
    fireEvent.keyDown(within(dialog).getByRole('button', { name: /^1예약/ }), { key: 'ArrowDown' });
    await waitFor(() => expect(within(dialog).getByTestId('step-caption').textContent).toMatch(/^체크인/));
  });

  it('says so when the visit has no history yet', async () => {
    const { dialog } = await openHistory([]);
    expect(within(dialog).getByText('아직 기록이 없습니다.')).toBeTruthy();
    expect(within(dialog).queryByRole('slider')).toBeNull();
  });

  it('shows a refused read as a sentence, and keeps the timeline', async () => {
    const { dialog } = await openHistory(HISTORY, () => ({ ok: false, error: { code: 'HOST_UNREACHABLE', message: 'fetch failed' } }) as never);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch('데스크 프로그램에 연결할 수 없습니다.');
    expect(within(within(dialog).getByRole('list', { name: '변경 순서' })).getAllByRole('button')).toHaveLength(4);
  });

  it('closes with Esc and returns to the drawer', async () => {
    const { dialog } = await openHistory();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '홍길동 — 방문 기록' })).toBeNull());
    expect(screen.getByRole('dialog', { name: '홍길동' })).toBeTruthy();
  });

  it('follows the newest step when the visit changes while the history is open at its end (another desk, or this one)', async () => {
    const { dialog, bridge, envelopes, events } = await openHistory();
    await waitFor(() => expect(within(dialog).getByTestId('step-caption').textContent).toMatch(/^상담 완료/));
    const started = on.procedureStarted('1');
    events.push(started);
    envelopes.push({ ...(envelopes[3] as EventEnvelope), eventId: 'e-4', version: 5, type: started.type, data: started.data });
    act(() => bridge.notify({ kind: 'events', streamIds: [VISIT] }));
    await waitFor(() => expect(within(dialog).getByTestId('step-caption').textContent).toMatch(/^시술 시작/));
    expect(within(dialog).getByRole('slider', { name: '기록 단계' })).toHaveProperty('value', '5');
    await waitFor(() => expect(dialog.querySelector('tr.changed')?.textContent).toMatch('보톡스 (사각턱)'));
  });
});
