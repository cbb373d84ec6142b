import { describe, expect, it } from 'vitest';
import type { VisitEvent } from '../../../shared/clinic/visit/events.js';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';
import { createI18n } from '../../i18n/catalog.js';
import { formatMoney, formatTime } from '../../i18n/format.js';
import { item, step as on } from '../../testing/visit-steps.js';
import { eventDetail, type DetailWords } from './event-detail.js';

const i18n = createI18n('ko');
const words: DetailWords = {
  t: (key, values) => i18n.t(key, values as Record<string, string>),
  money: (won) => formatMoney(won, 'ko'),
  time: (at) => formatTime(at, 'Asia/Seoul', 'ko'),
  staffName: (staffId) => (staffId.endsWith('4') ? '최민호' : '박서연'),
};

const envelopes = (events: VisitEvent[]): EventEnvelope[] =>
  events.map((event, index) => ({
    eventId: `e${index}`,
    streamType: 'visit',
    streamId: 'v',
    version: index + 1,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    meta: { commandId: 'c', processId: 'c', initiator: 's', predecessorId: 'c', deviceId: 'd', raisedAt: '2026-12-01T05:00:00.000Z', appVersion: '0.1.0' },
  }));

describe('the line under an event in a visit’s timeline', () => {
  const history = envelopes([
    on.reserved('보톡스'),
    on.checkedIn(),
    on.consultationCompleted([item('1', '보톡스 (사각턱)', 150_000), item('2', '레이저 토닝', 100_000)]),
    { type: 'ProcedurePlanChanged', data: { plan: [item('1', '보톡스 (이마)', 150_000), item('2', '레이저 토닝', 100_000)] } },
    on.procedureStarted('1'),
    on.procedureCompleted('2'),
    on.paid(240_000),
    { type: 'PhotosTaken', data: { stage: 'after', count: 4 } },
    { type: 'SoothingCareStarted', data: {} },
    { type: 'FutureEvent' as 'NoShowMarked', data: {} },
  ]);
  const detail = (index: number) => eventDetail(history, index, words);

  it('says the slot booked and the arrival in the clinic’s time', () => {
    expect([detail(0), detail(1)]).toEqual(['14:30–15:00', '도착 14:28']);
  });

  it('names a procedure by its name in the plan as it was then, with who performs it', () => {
    expect(detail(4)).toBe('보톡스 (이마) · 최민호');
    expect(detail(5)).toBe('레이저 토닝');
    expect(eventDetail(history.slice(0, 3).concat(history[4] as EventEnvelope), 3, words)).toBe('보톡스 (사각턱) · 최민호');
  });

  it('says the amount and how it was paid, and the photos taken', () => {
    expect([detail(6), detail(7)]).toEqual(['₩240,000 · 카드', '시술 후 4장']);
  });

  it('says nothing more for an event that carries nothing, or one this build does not know', () => {
    expect([detail(8), detail(9), detail(42)]).toEqual([null, null, null]);
  });
});
