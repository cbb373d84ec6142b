import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAnswer, afterTimeout, afterTooLarge, MAX_PATIENCE, transferLimit, transferTimeoutMs, UNLIMITED_TRANSFER_SIZE, type TransferSize } from './transfer-size.js';

const HQ_MAX = 2_000;
const TIMEOUT_MS = 15_000;
/** A push of `sent` events answered `tookMs` after it left. */
const answered = (size: TransferSize, sent: number, tookMs: number): TransferSize => afterAnswer(size, { sent, tookMs, timeoutMs: TIMEOUT_MS, most: HQ_MAX });
const limit = (size: TransferSize): number => transferLimit(size, HQ_MAX);

describe('the size of the next push', () => {
  it('given nothing learnt, is HQ`s limit', () => {
    expect(limit(UNLIMITED_TRANSFER_SIZE)).toBe(HQ_MAX);
  });

  it('given a full push that timed out, halves; again and again down to one command, never below', () => {
    let size = afterTimeout(UNLIMITED_TRANSFER_SIZE, HQ_MAX);
    expect(limit(size)).toBe(1_000);
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      size = afterTimeout(size, limit(size));
      seen.push(limit(size));
    }
    expect(seen).toEqual([500, 250, 125, 62, 31, 15, 7, 3, 1, 1, 1, 1]);
  });

  it('given a push smaller than the limit timed out (fewer were pending), halves from what it carried', () => {
    expect(limit(afterTimeout(UNLIMITED_TRANSFER_SIZE, 800))).toBe(400);
  });

  it('when a push answers fast enough for twice its size to arrive in half the timeout, doubles; at HQ`s limit, forgets the cap', () => {
    let size = afterTimeout(afterTimeout(afterTimeout(UNLIMITED_TRANSFER_SIZE, HQ_MAX), 1_000), 500);
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
    const size = afterTimeout(UNLIMITED_TRANSFER_SIZE, HQ_MAX);
    // 1,000 events in 4 s: 2,000 would take 8 s, over 7.5 s.
    expect(limit(answered(size, 1_000, 4_000))).toBe(1_000);
    // In 3.7 s: 7.4 s, within.
    expect(limit(answered(size, 1_000, 3_700))).toBe(HQ_MAX);
  });

  it('when a small push (few were pending) answers, grows only if its pace says the doubled size arrives in time', () => {
    const size = afterTimeout(afterTimeout(UNLIMITED_TRANSFER_SIZE, HQ_MAX), 1_000);
    // 5 events in 30 ms: 1,000 would take 6 s; in 40 ms, 8 s.
    expect(limit(answered(size, 5, 30))).toBe(1_000);
    expect(limit(answered(size, 5, 40))).toBe(500);
  });

  it('given a 413, halves a cap that answers never grow back: no 413 → grow → 413 loop', () => {
    let size = afterTooLarge(UNLIMITED_TRANSFER_SIZE, HQ_MAX);
    expect(limit(size)).toBe(1_000);
    for (let i = 0; i < 20; i++) size = answered(size, limit(size), 10);
    expect(limit(size)).toBe(1_000);
    size = afterTooLarge(size, limit(size));
    expect(limit(size)).toBe(500);
    expect(limit(afterTooLarge(afterTooLarge(size, 1), 1))).toBe(1);
  });

  it('given both caps, the smaller holds; the soft one grows back only up to the 413 one, then is forgotten', () => {
    let size = afterTimeout(afterTooLarge(UNLIMITED_TRANSFER_SIZE, HQ_MAX), 1_000);
    expect(limit(size)).toBe(500);
    size = answered(size, 500, 100);
    expect(size).toEqual({ bodyCap: 1_000, softCap: Number.POSITIVE_INFINITY, patience: 1 });
    expect(limit(size)).toBe(1_000);
  });

  it('given a push of one command that timed out (it cannot get smaller), the next may take twice the time; again and again up to the most', () => {
    let size = afterTimeout(UNLIMITED_TRANSFER_SIZE, 3, 1);
    expect(limit(size)).toBe(1);
    const seen = [transferTimeoutMs(size, TIMEOUT_MS)];
    for (let i = 0; i < 4; i++) {
      size = afterTimeout(size, 3, 1);
      seen.push(transferTimeoutMs(size, TIMEOUT_MS));
    }
    expect(seen).toEqual([30_000, 60_000, 120_000, 120_000, 120_000]);
    expect(MAX_PATIENCE * TIMEOUT_MS).toBe(120_000);
  });

  it('when pushes answer within half the plain timeout, the extra time goes first (halved each time), then the size grows back', () => {
    let size = afterTimeout(afterTimeout(afterTimeout(UNLIMITED_TRANSFER_SIZE, 2, 2), 1, 1), 1, 1);
    expect([limit(size), transferTimeoutMs(size, TIMEOUT_MS)]).toEqual([1, 60_000]);
    // a slow answer (over half the plain timeout) keeps both
    expect(answered(size, 1, 9_000)).toEqual(size);
    const seen: [number, number][] = [];
    for (let i = 0; i < 4; i++) {
      size = answered(size, limit(size), 100);
      seen.push([limit(size), transferTimeoutMs(size, TIMEOUT_MS)]);
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
        let size = UNLIMITED_TRANSFER_SIZE;
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
          expect(transferTimeoutMs(size, TIMEOUT_MS)).toBeGreaterThanOrEqual(TIMEOUT_MS);
          expect(transferTimeoutMs(size, TIMEOUT_MS)).toBeLessThanOrEqual(MAX_PATIENCE * TIMEOUT_MS);
        }
      }),
    );
  });
});

/** The page a desk asks for without anything learnt (timing.pageSize within HQ's maxPullLimit). */
const PAGE = 500;
/** A page of `held` events answered `tookMs` after it was asked for. */
const pageAnswered = (size: TransferSize, held: number, tookMs: number): TransferSize => afterAnswer(size, { sent: held, tookMs, timeoutMs: TIMEOUT_MS, most: PAGE });
const pageLimit = (size: TransferSize): number => transferLimit(size, PAGE);
/** A page asked for with the limit the size allows did not arrive in time. */
const pageTimedOut = (size: TransferSize): TransferSize => afterTimeout(size, pageLimit(size));

describe('the size of the next pulled page', () => {
  it('given nothing learnt, is the page the desk asks for', () => {
    expect(pageLimit(UNLIMITED_TRANSFER_SIZE)).toBe(PAGE);
    expect(transferTimeoutMs(UNLIMITED_TRANSFER_SIZE, TIMEOUT_MS)).toBe(TIMEOUT_MS);
  });

  it('given a page that timed out, halves, down to one event; a page of one event that times out gets more time instead, up to the most', () => {
    let size = UNLIMITED_TRANSFER_SIZE;
    const seen: [number, number][] = [];
    for (let i = 0; i < 12; i++) {
      size = pageTimedOut(size);
      seen.push([pageLimit(size), transferTimeoutMs(size, TIMEOUT_MS)]);
    }
    expect(seen).toEqual([
      [250, 15_000],
      [125, 15_000],
      [62, 15_000],
      [31, 15_000],
      [15, 15_000],
      [7, 15_000],
      [3, 15_000],
      [1, 15_000],
      [1, 30_000],
      [1, 60_000],
      [1, 120_000],
      [1, 120_000],
    ]);
  });

  it('when pages answer fast enough for twice as many events to arrive in half the timeout, doubles back to the page asked for, then forgets the cap', () => {
    let size = pageTimedOut(pageTimedOut(UNLIMITED_TRANSFER_SIZE));
    expect(pageLimit(size)).toBe(125);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      size = pageAnswered(size, pageLimit(size), 300);
      seen.push(pageLimit(size));
    }
    expect(seen).toEqual([250, 500, 500]);
    expect(size).toEqual(UNLIMITED_TRANSFER_SIZE);
  });

  it('when pages answer slowly, stays: a slow downlink does not time out every other page', () => {
    const size = pageTimedOut(UNLIMITED_TRANSFER_SIZE);
    // 250 events in 4 s: 500 would take 8 s, over 7.5 s.
    expect(pageLimit(pageAnswered(size, 250, 4_000))).toBe(250);
  });

  it('a page holding fewer events than asked (HQ had no more) grows only if its pace says twice the limit arrives in time; an empty page says nothing', () => {
    const size = pageTimedOut(pageTimedOut(UNLIMITED_TRANSFER_SIZE));
    // 10 events in 100 ms: 250 would take 2.5 s; in 400 ms, 10 s.
    expect(pageLimit(pageAnswered(size, 10, 100))).toBe(250);
    expect(pageLimit(pageAnswered(size, 10, 400))).toBe(125);
    expect(pageAnswered(size, 0, 1)).toBe(size);
  });

  it('after a page of one event needed more time, pages answered within half the plain timeout give the time back first, then grow', () => {
    let size = UNLIMITED_TRANSFER_SIZE;
    while (transferTimeoutMs(size, TIMEOUT_MS) < 60_000) size = pageTimedOut(size);
    const seen: [number, number][] = [];
    for (let i = 0; i < 4; i++) {
      size = pageAnswered(size, pageLimit(size), 50);
      seen.push([pageLimit(size), transferTimeoutMs(size, TIMEOUT_MS)]);
    }
    expect(seen).toEqual([
      [1, 30_000],
      [1, 15_000],
      [2, 15_000],
      [4, 15_000],
    ]);
  });

  it('whatever happens, stays within [1, the page asked for]; a page that times out at the limit allowed is always asked smaller or given longer next, until one event and the most time', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('timeout' as const) }),
      fc.record({ kind: fc.constant('answer' as const), held: fc.integer({ min: 0, max: PAGE }), tookMs: fc.integer({ min: 0, max: TIMEOUT_MS }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let size = UNLIMITED_TRANSFER_SIZE;
        for (const s of steps) {
          if (s.kind === 'timeout') {
            const next = pageTimedOut(size);
            const before = [pageLimit(size), transferTimeoutMs(size, TIMEOUT_MS)] as const;
            const after = [pageLimit(next), transferTimeoutMs(next, TIMEOUT_MS)] as const;
            // never retried at the same size and time, which would time out again on the same link
            if (before[0] > 1) expect(after[0]).toBeLessThan(before[0]);
            else if (before[1] < MAX_PATIENCE * TIMEOUT_MS) expect(after[1]).toBeGreaterThan(before[1]);
            else expect(after).toEqual(before);
            size = next;
          } else size = pageAnswered(size, Math.min(s.held, pageLimit(size)), s.tookMs);
          expect(pageLimit(size)).toBeGreaterThanOrEqual(1);
          expect(pageLimit(size)).toBeLessThanOrEqual(PAGE);
          expect(transferTimeoutMs(size, TIMEOUT_MS)).toBeGreaterThanOrEqual(TIMEOUT_MS);
          expect(transferTimeoutMs(size, TIMEOUT_MS)).toBeLessThanOrEqual(MAX_PATIENCE * TIMEOUT_MS);
        }
      }),
    );
  });
});
