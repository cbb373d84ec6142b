import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAnswer, afterTimeout, afterTooLarge, MAX_PATIENCE, pushSizeLimit, pushTimeoutMs, UNLIMITED_PUSH_SIZE, type PushSize } from './push-size.js';

const HQ_MAX = 2_000;
const TIMEOUT_MS = 15_000;
/** A push of `sent` events answered `tookMs` after it left. */
const answered = (size: PushSize, sent: number, tookMs: number): PushSize => afterAnswer(size, { sent, tookMs, timeoutMs: TIMEOUT_MS, hqMaxEvents: HQ_MAX });
const limit = (size: PushSize): number => pushSizeLimit(size, HQ_MAX);

describe('the size of the next push', () => {
  it('given nothing learnt, is HQ`s limit', () => {
    expect(limit(UNLIMITED_PUSH_SIZE)).toBe(HQ_MAX);
  });

  it('given a full push that timed out, halves; again and again down to one command, never below', () => {
    let size = afterTimeout(UNLIMITED_PUSH_SIZE, HQ_MAX);
    expect(limit(size)).toBe(1_000);
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      size = afterTimeout(size, limit(size));
      seen.push(limit(size));
    }
    expect(seen).toEqual([500, 250, 125, 62, 31, 15, 7, 3, 1, 1, 1, 1]);
  });

  it('given a push smaller than the limit timed out (fewer were pending), halves from what it carried', () => {
    expect(limit(afterTimeout(UNLIMITED_PUSH_SIZE, 800))).toBe(400);
  });

  it('when a push answers fast enough for twice its size to arrive in half the timeout, doubles; at HQ`s limit, forgets the cap', () => {
    let size = afterTimeout(afterTimeout(afterTimeout(UNLIMITED_PUSH_SIZE, HQ_MAX), 1_000), 500);
    expect(limit(size)).toBe(250);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      size = answered(size, limit(size), 200);
      seen.push(limit(size));
    }
    expect(seen).toEqual([500, 1_000, 2_000, 2_000]);
    expect(size.softCap).toBe(Number.POSITIVE_INFINITY);
  });

  it('when a push answers slowly (twice its size would take over half the timeout), stays: a slow link does not time out every other push', () => {
    const size = afterTimeout(UNLIMITED_PUSH_SIZE, HQ_MAX);
    // 1,000 events in 4 s: 2,000 would take 8 s, over 7.5 s.
    expect(limit(answered(size, 1_000, 4_000))).toBe(1_000);
    // In 3.7 s: 7.4 s, within.
    expect(limit(answered(size, 1_000, 3_700))).toBe(HQ_MAX);
  });

  it('when a small push (few were pending) answers, grows only if its pace says the doubled size arrives in time', () => {
    const size = afterTimeout(afterTimeout(UNLIMITED_PUSH_SIZE, HQ_MAX), 1_000);
    // 5 events in 30 ms: 1,000 would take 6 s; in 40 ms, 8 s.
    expect(limit(answered(size, 5, 30))).toBe(1_000);
    expect(limit(answered(size, 5, 40))).toBe(500);
  });

  it('given a 413, halves a cap that answers never grow back: no 413 → grow → 413 loop', () => {
    let size = afterTooLarge(UNLIMITED_PUSH_SIZE, HQ_MAX);
    expect(limit(size)).toBe(1_000);
    for (let i = 0; i < 20; i++) size = answered(size, limit(size), 10);
    expect(limit(size)).toBe(1_000);
    size = afterTooLarge(size, limit(size));
    expect(limit(size)).toBe(500);
    expect(limit(afterTooLarge(afterTooLarge(size, 1), 1))).toBe(1);
  });

  it('given both caps, the smaller holds; the soft one grows back only up to the 413 one, then is forgotten', () => {
    let size = afterTimeout(afterTooLarge(UNLIMITED_PUSH_SIZE, HQ_MAX), 1_000);
    expect(limit(size)).toBe(500);
    size = answered(size, 500, 100);
    expect(size).toEqual({ bodyCap: 1_000, softCap: Number.POSITIVE_INFINITY, patience: 1 });
    expect(limit(size)).toBe(1_000);
  });

  it('given a push of one command that timed out (it cannot get smaller), the next may take twice the time; again and again up to the most', () => {
    let size = afterTimeout(UNLIMITED_PUSH_SIZE, 3, 1);
    expect(limit(size)).toBe(1);
    const seen = [pushTimeoutMs(size, TIMEOUT_MS)];
    for (let i = 0; i < 4; i++) {
      size = afterTimeout(size, 3, 1);
      seen.push(pushTimeoutMs(size, TIMEOUT_MS));
    }
    expect(seen).toEqual([30_000, 60_000, 120_000, 120_000, 120_000]);
    expect(MAX_PATIENCE * TIMEOUT_MS).toBe(120_000);
  });

  it('when pushes answer within half the plain timeout, the extra time goes first (halved each time), then the size grows back', () => {
    let size = afterTimeout(afterTimeout(afterTimeout(UNLIMITED_PUSH_SIZE, 2, 2), 1, 1), 1, 1);
    expect([limit(size), pushTimeoutMs(size, TIMEOUT_MS)]).toEqual([1, 60_000]);
    // a slow answer (over half the plain timeout) keeps both
    expect(answered(size, 1, 9_000)).toEqual(size);
    const seen: [number, number][] = [];
    for (let i = 0; i < 4; i++) {
      size = answered(size, limit(size), 100);
      seen.push([limit(size), pushTimeoutMs(size, TIMEOUT_MS)]);
    }
    expect(seen).toEqual([
      [1, 30_000],
      [1, 15_000],
      [2, 15_000],
      [4, 15_000],
    ]);
  });

  it('whatever happens, stays within [1, HQ`s limit] and never above a 413 cap; a push never waits longer than the most', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('timeout' as const), sent: fc.integer({ min: 1, max: HQ_MAX }), commands: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('413' as const), sent: fc.integer({ min: 1, max: HQ_MAX }) }),
      fc.record({ kind: fc.constant('answer' as const), sent: fc.integer({ min: 1, max: HQ_MAX }), tookMs: fc.integer({ min: 0, max: TIMEOUT_MS }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let size = UNLIMITED_PUSH_SIZE;
        let lowest413 = Number.POSITIVE_INFINITY;
        for (const s of steps) {
          if (s.kind === 'timeout') size = afterTimeout(size, s.sent, s.commands);
          else if (s.kind === '413') {
            size = afterTooLarge(size, s.sent);
            lowest413 = Math.min(lowest413, s.sent);
          } else size = answered(size, s.sent, s.tookMs);
          expect(limit(size)).toBeGreaterThanOrEqual(1);
          expect(limit(size)).toBeLessThanOrEqual(HQ_MAX);
          if (lowest413 < Number.POSITIVE_INFINITY) expect(limit(size)).toBeLessThanOrEqual(Math.max(1, Math.floor(lowest413 / 2)));
          expect(pushTimeoutMs(size, TIMEOUT_MS)).toBeGreaterThanOrEqual(TIMEOUT_MS);
          expect(pushTimeoutMs(size, TIMEOUT_MS)).toBeLessThanOrEqual(MAX_PATIENCE * TIMEOUT_MS);
        }
      }),
    );
  });
});
