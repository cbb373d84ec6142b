/**
 * Issue 10 item 5: PINs sent in parallel, over the browser host. Only wrong PINs count toward the
 * lock (five lock that staff member on this desk for five minutes); PINs checked at the same time
 * still share the five tries; a correct PIN is never locked out by its own twin (a double click),
 * and never clears a lock that attempts running beside it set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RpcResponse } from '../../shared/contract/desk-rpc.js';
import { staffedDeskOverHttp } from '../support/desk-over-http.js';
import { PIN } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDeskOverHttp>>;
let desk: Desk;

beforeEach(async () => {
  desk = await staffedDeskOverHttp();
  await desk.call('session.signOut', {});
}, 60_000);

afterEach(() => desk.close());

const WRONG = '9999';
const signIn = (staffId: string, pin: string) => desk.http.rpc('session.signIn', { staffId, pin });
const outcome = (answer: RpcResponse<unknown>): string => (answer.ok ? 'ok' : answer.error.code);

const fourWrong = async (staffId: string): Promise<void> => {
  for (let n = 0; n < 4; n++) expect(outcome(await signIn(staffId, WRONG))).toBe('PIN_INCORRECT');
};

describe('PINs sent in parallel', () => {
  it('after four wrong PINs, the right PIN sent twice at once (a double click) signs in twice, locking nothing', async () => {
    const { nurse } = desk.staff;
    await fourWrong(nurse);
    const answers = await Promise.all([signIn(nurse, PIN), signIn(nurse, PIN)]);
    expect(answers.map(outcome)).toEqual(['ok', 'ok']);
    // the success cleared the four wrong ones it saw: five tries again
    const next = await signIn(nurse, WRONG);
    expect(next).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT', message: expect.stringContaining('4 tries left') } });
  });

  it('right PINs sent in parallel all sign in; none counts toward the lock', async () => {
    const { nurse } = desk.staff;
    const answers = await Promise.all(Array.from({ length: 8 }, () => signIn(nurse, PIN)));
    expect(answers.map(outcome)).toEqual(Array.from({ length: 8 }, () => 'ok'));
    await fourWrong(nurse);
  });

  it('a right PIN never clears a lock that a wrong one beside it set: the outcome is that of one order or the other', async () => {
    // one staff member per round, each four wrong PINs down; the right PIN is sent first, the wrong one just after
    for (const staffId of [desk.staff.nurse, desk.staff.desk, desk.staff.counselor, desk.staff.doctor]) {
      await fourWrong(staffId);
      const right = signIn(staffId, PIN);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const wrong = signIn(staffId, WRONG);
      const [rightAnswer, wrongAnswer] = [outcome(await right), outcome(await wrong)];
      const lockedAfter = outcome(await signIn(staffId, PIN)) === 'PIN_LOCKED';
      const seen = { right: rightAnswer, wrong: wrongAnswer, lockedAfter };
      // right first: it clears the four, the wrong one is the first of five again; wrong first: the fifth wrong PIN locks, the right one finds the lock
      expect([
        { right: 'ok', wrong: 'PIN_INCORRECT', lockedAfter: false },
        { right: 'PIN_LOCKED', wrong: 'PIN_LOCKED', lockedAfter: true },
      ]).toContainEqual(seen);
    }
  });

  it('wrong PINs sent in parallel still share five tries between them', async () => {
    const { nurse } = desk.staff;
    const answers = (await Promise.all(Array.from({ length: 12 }, (_, n) => signIn(nurse, String(5000 + n))))).map(outcome);
    expect(answers.filter((code) => code === 'PIN_INCORRECT').length).toBeLessThanOrEqual(4);
    expect(answers.filter((code) => code === 'PIN_LOCKED').length).toBeGreaterThanOrEqual(8);
    expect(answers.filter((code) => code !== 'PIN_INCORRECT' && code !== 'PIN_LOCKED')).toEqual([]);
    expect(outcome(await signIn(nurse, PIN))).toBe('PIN_LOCKED');
    desk.clock.advance(5 * 60_000);
    expect(outcome(await signIn(nurse, PIN))).toBe('ok');
  });
});
