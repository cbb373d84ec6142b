/**
 * Issue 10 item 6: only what a person does keeps a desk signed in. A desk connected to HQ hears
 * a change notice whenever another desk of the clinic records something, and its screens re-read
 * what they show on every notice. None of that is a person at this desk: with a fake clock, the
 * desk still signs out after 10 idle minutes, while another desk keeps working all along.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DESK_METHODS, METHOD_KIND } from '../../shared/contract/desk-rpc.js';
import { serveOverHttp, type DeskOverHttp } from '../support/desk-over-http.js';
import { PIN, testClock } from '../support/desk-harness.js';
import { eventually, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { openClinicDay } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;
let http: DeskOverHttp | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  await clinic?.close();
  clinic = undefined;
});

const MINUTE = 60_000;

describe('the idle sign-out', () => {
  it('signs a desk out after 10 minutes without a person, though sync notices arrive and its screens re-read on each', async () => {
    clinic = await startSyncClinic();
    const clock = testClock(new Date().toISOString());
    const a = await clinic.addDesk('A', { now: clock.now });
    const day = await openClinicDay(a);
    const b = await clinic.addDesk('B');
    await eventually(async () => (await b.call('staff.list', {})).items.some((s) => s.staffId === day.manager), 10_000, 'B: staff');
    await b.call('session.signIn', { staffId: day.manager, pin: PIN });

    // A's screens, over the browser host: on every change notice they re-read all they show.
    http = await serveOverHttp(a.core);
    const notices = await http.notices();
    const date = new Date(Date.parse(clock.now().toISOString()) + 9 * 60 * MINUTE).toISOString().slice(0, 10);
    const screenReads: [string, unknown][] = [
      ['desk.status', {}],
      ['staff.list', {}],
      ['board.day', { date }],
      ['schedule.range', { from: clock.now().toISOString(), to: new Date(clock.now().getTime() + 86_400_000).toISOString() }],
      ['patients.search', { q: '김민수' }],
      ['patients.get', { patientId: day.patientId }],
      ['visit.get', { visitId: day.visitId }],
      ['visit.history', { visitId: day.visitId }],
      ['visit.stateAt', { visitId: day.visitId, version: 1 }],
      ['audit.query', { limit: 20 }],
      ['warnings.list', {}],
      ['sync.status', {}],
      ['sync.now', {}],
      ['sync.whoami', {}],
      ['conflicts.list', {}],
    ];
    // every method a screen may call on its own is re-read here
    expect(DESK_METHODS.filter((method) => METHOD_KIND[method] === 'screen').sort()).toEqual(screenReads.map(([method]) => method).sort());
    const signedIn = async (): Promise<boolean> => {
      const answer = await http?.rpc('desk.status', {});
      return answer?.ok === true && (answer.result as { session: unknown }).session !== null;
    };

    const eventNotices = (): number => (notices.text().match(/data: \{"kind":"events"/g) ?? []).length;
    for (let minute = 1; minute <= 11; minute++) {
      clock.advance(MINUTE);
      // Another desk records something; A hears of it and its screens re-read.
      const heard = eventNotices();
      await b.call('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: `B, minute ${minute}` } });
      await eventually(() => eventNotices() > heard, 10_000, `A hears B's memo of minute ${minute}`);
      for (const [method, args] of screenReads) {
        const answer = await http.rpc(method, args);
        if (minute < 10) expect(answer, `${method} at minute ${minute}`).toMatchObject({ ok: true });
      }
      expect(await signedIn(), `signed in after ${minute} idle minute(s)`).toBe(minute < 10);
    }
    expect(await http.rpc('board.day', { date })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(notices.text()).toMatch(/data: \{"kind":"session"/);
    notices.close();
  }, 90_000);

  it('counts what a person changes: a desk whose person records something every few minutes stays signed in', async () => {
    clinic = await startSyncClinic();
    const clock = testClock(new Date().toISOString());
    const a = await clinic.addDesk('A', { now: clock.now });
    const day = await openClinicDay(a);
    http = await serveOverHttp(a.core);
    for (let minute = 1; minute <= 30; minute += 1) {
      clock.advance(MINUTE);
      if (minute % 9 === 0) {
        expect(await http.asScreen('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: `minute ${minute}` } })).toMatchObject({
          ok: true,
        });
      }
    }
    expect(await http.rpc('desk.status', {})).toMatchObject({ ok: true, result: { session: { staffId: day.manager } } });
  }, 60_000);
});
