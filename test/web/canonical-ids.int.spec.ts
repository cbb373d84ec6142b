/**
 * Issue 10 item 1: every id has one canonical form, lower-case UUID text. An id in another case
 * is refused with VALIDATION wherever it enters the desk — here over the browser host, as the
 * renderer sends it — so a retried payment, a patient or a visit can never exist twice under
 * ids that differ only in case, and nothing stored holds an id in another case.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { staffedDeskOverHttp } from '../support/desk-over-http.js';
import { dumpDatabase } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDeskOverHttp>>;
let desk: Desk;
let patientId: string;
let visitId: string;

beforeAll(async () => {
  desk = await staffedDeskOverHttp();
  await desk.signInAs(desk.staff.desk);
  patientId = (await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } })).streamId;
  visitId = (
    await desk.call('command.execute', {
      type: 'Reserve',
      payload: {
        patientId,
        startAt: '2026-11-25T01:00:00.000Z',
        endAt: '2026-11-25T01:30:00.000Z',
        plan: [{ name: '보톡스 이마', price: 100_000 }],
      },
    })
  ).streamId;
  await desk.call('command.execute', { type: 'CheckIn', streamId: visitId, payload: { channel: 'desk' } });
}, 60_000);

afterAll(() => desk.close());

const paid = async (): Promise<number> => (await desk.call('visit.get', { visitId })).state.paid;

describe('ids in another case', () => {
  it('a payment retried with its commandId in upper case is refused, not paid twice', async () => {
    const commandId = v7();
    const payment = { type: 'RecordPayment', streamId: visitId, payload: { amount: 30_000, method: 'card' } };
    expect(await desk.http.asScreen('command.execute', { ...payment, commandId })).toMatchObject({ ok: true });
    const before = dumpDatabase(desk.dataDir);
    expect(await desk.http.asScreen('command.execute', { ...payment, commandId: commandId.toUpperCase() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^commandId: /) },
    });
    expect(await paid()).toBe(30_000);
    expect(dumpDatabase(desk.dataDir)).toBe(before);
    // the same id as first sent is the same command: answered again, nothing written
    expect(await desk.http.asScreen('command.execute', { ...payment, commandId })).toMatchObject({ ok: true });
    expect(await paid()).toBe(30_000);
  });

  it('a patient or a visit named by an existing stream id in upper case is refused, not made twice', async () => {
    const before = dumpDatabase(desk.dataDir);
    const patients = (await desk.call('patients.search', { q: '김민수' })).items.length;
    const answers = [
      await desk.http.asScreen('command.execute', {
        type: 'RegisterPatient',
        streamId: patientId.toUpperCase(),
        payload: { name: '김민수', phone: '010-2345-6789' },
      }),
      await desk.http.asScreen('command.execute', {
        type: 'Reserve',
        streamId: visitId.toUpperCase(),
        payload: { patientId, startAt: '2026-11-26T01:00:00.000Z', endAt: '2026-11-26T01:30:00.000Z' },
      }),
      await desk.http.asScreen('command.execute', { type: 'AddMemo', streamId: visitId.toUpperCase(), payload: { text: '메모' } }),
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^streamId: /) } });
    }
    expect((await desk.call('patients.search', { q: '김민수' })).items).toHaveLength(patients);
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it('every id argument in upper case is refused with VALIDATION naming it, reads included', async () => {
    const upper = (id: string) => id.toUpperCase();
    const calls: [string, Record<string, unknown>, string][] = [
      ['visit.get', { visitId: upper(visitId) }, 'visitId'],
      ['visit.history', { visitId: upper(visitId) }, 'visitId'],
      ['patients.get', { patientId: upper(patientId) }, 'patientId'],
      ['schedule.range', { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z', doctorId: upper(desk.staff.doctor) }, 'doctorId'],
      ['command.execute', { type: 'AssignDoctor', streamId: visitId, payload: { doctorId: upper(desk.staff.doctor) } }, 'payload.doctorId'],
      ['command.execute', { type: 'Reserve', payload: { patientId: upper(patientId), startAt: '2026-11-26T01:00:00.000Z', endAt: '2026-11-26T01:30:00.000Z' } }, 'payload.patientId'],
      ['session.signIn', { staffId: upper(desk.staff.desk), pin: '1234' }, 'staffId'],
    ];
    const before = dumpDatabase(desk.dataDir);
    for (const [method, args, field] of calls) {
      const answer = await desk.http.asScreen(method, args);
      expect(answer, `${method} ${field}`).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(new RegExp(`^${field}: `)) } });
    }
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it('leaves no id in another case anywhere in the database', () => {
    const db = new Database(path.join(desk.dataDir, DATABASE_FILE), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const text = tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all())).join('\n');
      const uuids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
      expect(uuids.length).toBeGreaterThan(10);
      expect(uuids.filter((id) => id !== id.toLowerCase())).toEqual([]);
    } finally {
      db.close();
    }
  });
});
