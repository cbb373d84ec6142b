import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/contract/desk-views.js';
import type { StaffSummary } from '../../../shared/contract/desk-views.js';
import { newClinicDesk, PATIENT, renderDesk, sessionOf, STAFF, visitIdOf } from '../../testing/clinic-fixture.js';

// jsdom lays nothing out: the list's scroller gets the height of a screen (the virtualiser reads
// clientHeight), so the test sees what a person would: a screenful of rows, not all of them.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return this.classList.contains('audit-scroll') ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
});

const INSTALLATION = '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d';

/** `count` entries, newest first, one minute apart, ending 2026-12-01 14:59 Seoul time. */
const entries = (count: number, from = 0): AuditEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    position: 10_000 - from - i,
    at: new Date(Date.parse('2026-12-01T05:59:00.000Z') - (from + i) * 60_000).toISOString(),
    staffId: STAFF.desk.staffId,
    staffName: STAFF.desk.name,
    deviceId: i % 2 === 0 ? INSTALLATION : '0190f5d2-0000-7000-8000-0000000000aa',
    streamType: 'visit',
    streamId: visitIdOf(1),
    version: 1,
    eventType: i % 2 === 0 ? 'CheckedIn' : 'PaymentRecorded',
    summary: i % 2 === 0 ? 'Checked in at the desk' : 'Payment 240,000 KRW by card',
    patientId: PATIENT.patientId,
    patientName: PATIENT.name,
  }));

const openAudit = async (answer: (args: Record<string, unknown>) => { items: AuditEntry[]; cursor?: string } | 'refuse', as: StaffSummary = STAFF.manager) => {
  const desk = newClinicDesk();
  desk.status = { ...desk.status, session: sessionOf(as) };
  const rendered = await renderDesk(desk);
  rendered.bridge.script['audit.query'] = (args) => {
    const result = answer(args);
    return result === 'refuse' ? { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'fetch failed' } } : { ok: true, result };
  };
  fireEvent.click(await screen.findByRole('button', { name: '기록 조회' }));
  await screen.findByRole('heading', { name: '기록 조회' });
  return rendered;
};

const auditCalls = (bridge: Awaited<ReturnType<typeof renderDesk>>['bridge']) => bridge.calls.filter((call) => call.method === 'audit.query').map((call) => call.args);
const rowsShown = () => [...document.querySelectorAll('.audit-row')];

describe('the audit trail', () => {
  it('is a manager’s screen: not in the navigation of the front desk', async () => {
    const desk = newClinicDesk();
    desk.status = { ...desk.status, session: sessionOf(STAFF.desk) };
    await renderDesk(desk);
    await screen.findByRole('button', { name: '오늘 현황' });
    expect(screen.queryByRole('button', { name: '기록 조회' })).toBeNull();
  });

  it('lists who did what to whom, on which desk and when, newest first', async () => {
    const { bridge } = await openAudit(() => ({ items: entries(2) }));
    await waitFor(() => expect(rowsShown()).toHaveLength(2));
    expect(rowsShown().map((row) => row.textContent)).toEqual([
      '12월 1일 (화) 14:59체크인Checked in at the desk홍길동이수진이 데스크방문 보기',
      '12월 1일 (화) 14:58결제Payment 240,000 KRW by card홍길동이수진데스크 D000AA방문 보기',
    ]);
    expect(auditCalls(bridge)).toEqual([{ limit: 100 }]);
    expect(screen.getByText('기록 2건을 모두 보았습니다.')).toBeTruthy();
  });

  it('filters by staff member, patient and period (clinic days in the clinic’s zone), and clears', async () => {
    const { bridge } = await openAudit(() => ({ items: entries(1) }));
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('직원'), { target: { value: STAFF.counselor.staffId } });
    fireEvent.change(screen.getByLabelText('시작일'), { target: { value: '2026-11-30' } });
    fireEvent.change(screen.getByLabelText('종료일'), { target: { value: '2026-12-01' } });
    const patient = screen.getByRole('combobox', { name: '환자' });
    patient.focus();
    fireEvent.change(patient, { target: { value: '홍길' } });
    fireEvent.click(await screen.findByRole('option', { name: /홍길동/ }));
    await waitFor(() =>
      expect(auditCalls(bridge).at(-1)).toEqual({
        limit: 100,
        staffId: STAFF.counselor.staffId,
        patientId: PATIENT.patientId,
        from: '2026-11-29T15:00:00.000Z',
        to: '2026-12-01T15:00:00.000Z',
      }),
    );
    expect(screen.getByTestId('audit-patient').textContent).toBe('홍길동');
    fireEvent.click(screen.getByRole('button', { name: '조건 지우기' }));
    await waitFor(() => expect(auditCalls(bridge).at(-1)).toEqual({ limit: 100 }));
  });

  it('refuses a period that ends before it starts, in words, without asking the desk', async () => {
    const { bridge } = await openAudit(() => ({ items: entries(1) }));
    await waitFor(() => expect(auditCalls(bridge)).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('시작일'), { target: { value: '2026-12-02' } });
    fireEvent.change(screen.getByLabelText('종료일'), { target: { value: '2026-12-01' } });
    expect((await screen.findByRole('alert')).textContent).toBe('시작일이 종료일보다 늦습니다. 날짜를 고쳐 주세요.');
    expect(auditCalls(bridge).every((args) => !(args as { to?: string }).to)).toBe(true);
    fireEvent.change(screen.getByLabelText('종료일'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('시작일'), { target: { value: '1999-12-31' } });
    expect((await screen.findByRole('alert')).textContent).toBe('날짜는 2000년부터 2099년 사이로 골라 주세요.');
    expect(auditCalls(bridge).some((args) => (args as { from?: string }).from?.startsWith('1999'))).toBe(false);
  });

  it('pages with the desk’s cursor, adding older entries after the newer ones', async () => {
    const { bridge } = await openAudit((args) => (args.cursor ? { items: entries(5, 100) } : { items: entries(100), cursor: 'page-2' }));
    await waitFor(() => expect(rowsShown().length).toBeGreaterThan(0));
    // A screenful of the first page: nothing older asked for yet.
    expect(auditCalls(bridge)).toEqual([{ limit: 100 }]);
    expect(screen.getByRole('button', { name: '이전 기록 더 보기' })).toBeTruthy();
    // Scrolled near the end of what it has, the screen asks for the next page itself.
    const scroller = screen.getByRole('region', { name: '기록 100건' });
    scroller.scrollTop = 100 * 56 - 600;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(auditCalls(bridge).at(-1)).toEqual({ limit: 100, cursor: 'page-2' }));
    await waitFor(() => expect(screen.getByText('기록 105건을 모두 보았습니다.')).toBeTruthy());
    expect(rowsShown().at(-1)?.textContent).toMatch('13:15');
    // Only a screenful of the 105 is in the document: the list is virtualised.
    expect(rowsShown().length).toBeGreaterThan(0);
    expect(rowsShown().length).toBeLessThan(40);
    expect(auditCalls(bridge)).toHaveLength(2);
  });

  it('says what to do when nothing matches, and when nothing is recorded at all', async () => {
    await openAudit(() => ({ items: [] }));
    expect((await screen.findByText('아직 기록이 없습니다.')).className).toBe('empty-state');
    fireEvent.change(screen.getByLabelText('시작일'), { target: { value: '2026-12-02' } });
    expect(await screen.findByText('조건에 맞는 기록이 없습니다 — 조건을 넓혀 보세요.')).toBeTruthy();
  });

  it('shows a failed read as a sentence with a retry', async () => {
    let fail = true;
    const { bridge } = await openAudit(() => (fail ? 'refuse' : { items: entries(1) }));
    expect((await screen.findByRole('alert')).textContent).toMatch('데스크 프로그램에 연결할 수 없습니다.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    expect(auditCalls(bridge)).toHaveLength(2);
  });

  it('opens the visit a line is about', async () => {
    await openAudit(() => ({ items: entries(1) }));
    fireEvent.click(await screen.findByRole('button', { name: '방문 보기' }));
    expect(await screen.findByRole('dialog', { name: /방문 상세|홍길동/ })).toBeTruthy();
  });

  it('shows what was recorded meanwhile at the top, while the person is at the top of the list', async () => {
    let recorded = 1;
    const { bridge } = await openAudit(() => ({ items: entries(recorded) }));
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    recorded = 2;
    act(() => bridge.notify({ kind: 'events', streamIds: [visitIdOf(1)] }));
    await waitFor(() => expect(rowsShown()).toHaveLength(2));
    // Scrolled down, the list stays as it is.
    const scroller = screen.getByRole('region', { name: '기록 2건' });
    scroller.scrollTop = 300;
    const before = auditCalls(bridge).length;
    act(() => bridge.notify({ kind: 'events', streamIds: [visitIdOf(1)] }));
    expect(auditCalls(bridge)).toHaveLength(before);
  });
});
