import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('backoff after failures', () => {
  it('doubles from the first wait up to the ceiling, half of it fixed and half random', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    expect([1, 2, 3, 4, 7, 8, 40].map((failures) => backoffDelay(failures, low))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000]);
    expect([1, 2, 7, 40].map((failures) => backoffDelay(failures, high))).toEqual([1_000, 2_000, 60_000, 60_000]);
  });

  it('never waits less than Retry-After, nor longer than its cap on HQ`s word', () => {
    expect(backoffDelay(1, () => 0, 30_000)).toBe(30_000);
    expect(backoffDelay(1, () => 0, 3_600_000)).toBe(DEFAULT_BACKOFF.maxRetryAfterMs);
    expect(backoffDelay(10, () => 0.5, 10)).toBe(45_000);
  });

  it('always stays within [ceiling / 2, max(ceiling, Retry-After capped)]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), fc.option(fc.integer({ min: 0, max: 10_000_000 })), (failures, roll, retryAfter) => {
        const delay = backoffDelay(failures, () => roll, retryAfter);
        const ceiling = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.firstMs * 2 ** Math.min(Math.max(failures, 1) - 1, 30));
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(Math.max(ceiling, Math.min(retryAfter ?? 0, DEFAULT_BACKOFF.maxRetryAfterMs)));
      }),
    );
  });
});
