/**
 * Issue 10 item 7: dates at the edges, over the browser host. Instants are refused outside the
 * years 2000–2099 and with more than millisecond precision, clinic days outside 2000-01-01 …
 * 2099-12-31, all with VALIDATION naming the field; every valid date answers (never INTERNAL),
 * and a visit at an edge is on the board of its day in the clinic's time zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffedDeskOverHttp } from '../support/desk-over-http.js';
import { dumpDatabase } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDeskOverHttp>>;
let desk: Desk;
let patientId: string;

beforeAll(async () => {
  desk = await staffedDeskOverHttp();
  patientId = (await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } })).streamId;
}, 60_000);

afterAll(() => desk.close());

const reserve = (startAt: string, endAt: string) =>
  desk.http.asScreen('command.execute', { type: 'Reserve', payload: { patientId, startAt, endAt, doctorId: desk.staff.doctor } });

const boardIds = async (date: string): Promise<string[]> => {
  const answer = await desk.http.rpc('board.day', { date });
  expect(answer, `board.day ${date}`).toMatchObject({ ok: true });
  return answer.ok ? (answer.result as { visits: { visitId: string }[] }).visits.map((visit) => visit.visitId) : [];
};

describe('dates out of range', () => {
  it.each([
    ['year 0000', '0000-01-01T00:00:00.000Z', '0000-01-01T00:30:00.000Z'],
    ['year 9999', '9999-12-31T23:00:00.000Z', '9999-12-31T23:30:00.000Z'],
    ['the last millisecond of 1999', '1999-12-31T23:59:59.999Z', '2000-01-01T00:29:59.999Z'],
    ['the first instant of 2100', '2100-01-01T00:00:00.000Z', '2100-01-01T00:30:00.000Z'],
    ['microseconds', '2026-11-27T01:00:00.000001Z', '2026-11-27T01:30:00.000Z'],
    ['a tenth of a millisecond', '2026-11-27T01:00:00.0001Z', '2026-11-27T01:30:00.000Z'],
  ])('a reservation starting at %s is refused with VALIDATION naming startAt, changing nothing', async (_why, startAt, endAt) => {
    const before = dumpDatabase(desk.dataDir);
    expect(await reserve(startAt, endAt)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^payload\.startAt: /) } });
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it.each(['9999-12-31', '0000-01-01', '1999-12-31', '2100-01-01', '0001-01-01'])('board.day %s is VALIDATION, not INTERNAL', async (date) => {
    expect(await desk.http.rpc('board.day', { date })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^date: /) } });
  });

  it('every other instant argument is refused the same way', async () => {
    const visitId = (await desk.call('command.execute', {
      type: 'Reserve',
      payload: { patientId, startAt: '2026-11-27T01:00:00.000Z', endAt: '2026-11-27T01:30:00.000Z' },
    })).streamId;
    for (const [method, args, field] of [
      ['schedule.range', { from: '1970-01-01T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }, 'from'],
      ['schedule.range', { from: '2026-11-25T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z' }, 'to'],
      ['warnings.list', { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.0000001Z' }, 'to'],
      ['visit.stateAt', { visitId, at: '0000-01-01T00:00:00.000Z' }, 'at'],
      ['audit.query', { limit: 10, from: '1999-01-01T00:00:00.000Z' }, 'from'],
      ['command.execute', { type: 'Reschedule', streamId: visitId, payload: { startAt: '2026-11-27T02:00:00.000Z', endAt: '2100-01-01T00:00:00.000Z' } }, 'payload.endAt'],
    ] as const) {
      expect(await desk.http.asScreen(method, args), `${method} ${field}`).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}: `)) },
      });
    }
  });
});

describe('dates at the edges of the range', () => {
  it('a visit at the first and at the last minutes of the range is on its day`s board in Asia/Seoul (UTC+9, no DST)', async () => {
    // 09:00 on 2000-01-01 in Seoul is the first instant of the range
    const first = await reserve('2000-01-01T00:00:00.000Z', '2000-01-01T00:30:00.000Z');
    // 08:29:59.999 on 2100-01-01 in Seoul ends on the last millisecond of the range
    const last = await reserve('2099-12-31T23:00:00.000Z', '2099-12-31T23:59:59.999Z');
    expect(first).toMatchObject({ ok: true });
    expect(last).toMatchObject({ ok: true });
    const firstId = first.ok ? (first.result as { streamId: string }).streamId : '';
    const lastId = last.ok ? (last.result as { streamId: string }).streamId : '';
    expect(await boardIds('2000-01-01')).toEqual([firstId]);
    // the last one starts at 08:00 on 2100-01-01 in Seoul: the one clinic day past the range
    // the board cannot show; the last board of the range shows the evening before
    const evening = await reserve('2099-12-31T14:00:00.000Z', '2099-12-31T14:30:00.000Z'); // 23:00 in Seoul
    const eveningId = evening.ok ? (evening.result as { streamId: string }).streamId : '';
    expect(await boardIds('2099-12-31')).toEqual([eveningId]);
    const range = await desk.http.rpc('schedule.range', { from: '2000-01-01T00:00:00.000Z', to: '2099-12-31T23:59:59.999Z' });
    expect(range.ok && (range.result as { items: { visitId: string }[] }).items.map((item) => item.visitId)).toEqual(
      expect.arrayContaining([firstId, lastId, eveningId]),
    );
    expect(await desk.http.rpc('visit.stateAt', { visitId: lastId, at: '2099-12-31T23:59:59.999Z' })).toMatchObject({ ok: true });
    expect(await desk.http.rpc('visit.stateAt', { visitId: firstId, at: '2000-01-01T00:00:00.000Z' })).toMatchObject({ ok: true });
  });

  it('a leap day is a day of its own: 00:00 on 29 February in Seoul is not on the 28th`s board', async () => {
    const answer = await reserve('2028-02-28T15:00:00.000Z', '2028-02-28T15:30:00.000Z'); // 00:00 on 2028-02-29 in Seoul
    const visitId = answer.ok ? (answer.result as { streamId: string }).streamId : '';
    expect(await boardIds('2028-02-29')).toEqual([visitId]);
    expect(await boardIds('2028-02-28')).toEqual([]);
    expect(await boardIds('2028-03-01')).toEqual([]);
    // a date that does not exist is no date
    expect(await desk.http.rpc('board.day', { date: '2027-02-29' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers every read at the edges, whatever the clinic`s time zone (never INTERNAL)', async () => {
    const reads: [string, unknown][] = [
      ['warnings.list', { from: '2000-01-01T00:00:00.000Z', to: '2099-12-31T23:59:59.999Z' }],
      ['audit.query', { limit: 5, from: '2000-01-01T00:00:00.000Z', to: '2099-12-31T23:59:59.999Z' }],
      ['schedule.range', { from: '2000-01-01T00:00:00Z', to: '2000-01-01T00:00:00.001Z' }],
    ];
    for (const timeZone of ['Asia/Seoul', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Santiago']) {
      await desk.call('command.execute', { type: 'ConfigureClinic', payload: { name: '테스트 피부과', timeZone } });
      for (const date of ['2000-01-01', '2099-12-31', '2024-02-29', '2096-02-29', '2026-11-25']) {
        const answer = await desk.http.rpc('board.day', { date });
        expect(answer, `${timeZone} ${date}`).toMatchObject({ ok: true, result: { date, timeZone } });
      }
      for (const [method, args] of reads) expect(await desk.http.asScreen(method, args), `${timeZone} ${method}`).toMatchObject({ ok: true });
    }
  });
});
