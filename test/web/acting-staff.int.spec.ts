/**
 * Issue 10 item 3: two people, one desk session. A desk has one signed-in person at a time; when
 * two sign in at once both screens think they are, but only the last one is. Every call that
 * changes clinic data carries the staff id its screen showed (`actingStaffId`), and DeskCore
 * refuses it with SESSION_CHANGED when someone else is signed in now — nothing is recorded under
 * the wrong person. Over the browser host, as the renderer sends it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffedDeskOverHttp } from '../support/desk-over-http.js';
import { dumpDatabase, PIN } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDeskOverHttp>>;
let desk: Desk;
let visitId: string;

beforeEach(async () => {
  desk = await staffedDeskOverHttp();
  const patientId = (await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } })).streamId;
  visitId = (
    await desk.call('command.execute', {
      type: 'Reserve',
      payload: { patientId, startAt: '2026-11-25T01:00:00.000Z', endAt: '2026-11-25T01:30:00.000Z' },
    })
  ).streamId;
  await desk.call('session.signOut', {});
}, 60_000);

afterEach(() => desk.close());

const signedIn = async (): Promise<string | undefined> => {
  const answer = await desk.http.rpc('desk.status', {});
  return answer.ok ? (answer.result as { session: { staffId: string } | null }).session?.staffId : undefined;
};

/** The audit trail's authors of the visit's events, oldest first. */
const memoAuthors = async (): Promise<(string | null)[]> => {
  const { events } = await desk.call('visit.history', { visitId });
  return events.filter((event) => event.type === 'MemoAdded').map((event) => event.meta.initiator);
};

describe('two people signing in at one desk at the same moment', () => {
  it('both get ok, only the last is signed in, and the other`s screen cannot record anything in their name', async () => {
    const { desk: front, counselor } = desk.staff;
    const answers = await Promise.all([
      desk.http.rpc('session.signIn', { staffId: front, pin: PIN }),
      desk.http.rpc('session.signIn', { staffId: counselor, pin: PIN }),
    ]);
    expect(answers).toMatchObject([{ ok: true }, { ok: true }]);
    const now = await signedIn();
    expect([front, counselor]).toContain(now);
    const stale = now === front ? counselor : front;
    const before = dumpDatabase(desk.dataDir);

    // The screen of the person no longer signed in sends a memo, naming who it showed…
    const memo = { type: 'AddMemo', streamId: visitId, payload: { text: '창가 자리 선호' } };
    expect(await desk.http.rpc('command.execute', { ...memo, actingStaffId: stale })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_CHANGED', message: expect.any(String) },
    });
    // …or, as a screen built before this rule would, naming nobody: refused too, never recorded under `now`
    expect(await desk.http.rpc('command.execute', memo)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^actingStaffId: /) },
    });
    expect(dumpDatabase(desk.dataDir)).toBe(before);
    expect(await memoAuthors()).toEqual([]);

    // The person signed in now records it, under their own name.
    expect(await desk.http.rpc('command.execute', { ...memo, actingStaffId: now })).toMatchObject({ ok: true });
    expect(await memoAuthors()).toEqual([now]);
  });
});

describe('every call that changes clinic data', () => {
  it('is refused with SESSION_CHANGED, changing nothing, when it names someone other than who is signed in', async () => {
    const { manager } = desk.staff;
    await desk.signInAs(manager);
    // a second manager, so that every manager-only call is allowed to the person the screen showed
    const other = (await desk.call('staff.register', { name: '오하늘', role: 'manager', pin: PIN })).streamId;
    const before = dumpDatabase(desk.dataDir);
    const calls: [string, Record<string, unknown>][] = [
      ['command.execute', { type: 'AddMemo', streamId: visitId, payload: { text: '메모' } }],
      ['command.execute', { type: 'ChangeStaffRole', streamId: desk.staff.nurse, payload: { role: 'desk' } }],
      ['staff.register', { name: '박지민', role: 'nurse', pin: PIN }],
      ['staff.changePin', { staffId: desk.staff.nurse, pin: '24680' }],
      ['staff.changePin', { staffId: other, pin: '24680', currentPin: PIN }],
      ['sync.configure', { hqUrl: 'https://hq.example/clinic', token: 'desk-token.0123456789abcdef' }],
      ['sync.retryStream', { streamId: visitId }],
      ['conflicts.resolve', { conflictId: visitId, action: 'dismiss', reason: '중복' }],
    ];
    for (const [method, args] of calls) {
      expect(await desk.http.rpc(method, { ...args, actingStaffId: other }), method).toMatchObject({ ok: false, error: { code: 'SESSION_CHANGED' } });
    }
    // staff.register naming nobody: the screen thought no one was signed in (the first manager's set-up)
    expect(await desk.http.rpc('staff.register', { name: '박지민', role: 'manager', pin: PIN })).toMatchObject({ ok: false, error: { code: 'SESSION_CHANGED' } });
    expect(dumpDatabase(desk.dataDir)).toBe(before);
    expect(await signedIn()).toBe(manager);

    // named right, the same calls go through (those with nothing to act on answer why)
    expect(await desk.http.rpc('staff.changePin', { staffId: desk.staff.nurse, pin: '24680', actingStaffId: manager })).toMatchObject({ ok: true });
    expect(await desk.http.rpc('conflicts.resolve', { conflictId: visitId, action: 'dismiss', reason: '중복', actingStaffId: manager })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT_NOT_FOUND' },
    });
  });

  it('signed out meanwhile: NOT_SIGNED_IN, as for any call that needs someone signed in', async () => {
    expect(await desk.http.rpc('command.execute', { type: 'AddMemo', streamId: visitId, payload: { text: '메모' }, actingStaffId: desk.staff.desk })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(await desk.http.rpc('staff.register', { name: '박지민', role: 'nurse', pin: PIN, actingStaffId: desk.staff.manager })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
  });
});
