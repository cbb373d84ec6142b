import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './hq-client.js';

describe("HQ's Retry-After", () => {
  const now = Date.parse('2026-12-01T09:00:00.000Z');
  it('reads seconds and HTTP dates; anything else is no advice', () => {
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 01 Dec 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 08:00:00 GMT', now)).toBe(0);
    for (const junk of [null, '', 'soon', '-5', '1.5']) expect(retryAfterMs(junk, now)).toBeNull();
  });
});
