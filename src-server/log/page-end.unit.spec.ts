import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../settings.js';
import { LARGE_EVENT_BYTES } from './large-event.js';

describe('the page byte limit', () => {
  it('holds the largest page of events under the large size, so that such a page never sums its bytes', () => {
    expect(DEFAULT_LIMITS.maxPullLimit * LARGE_EVENT_BYTES).toBeLessThanOrEqual(DEFAULT_LIMITS.maxPullBytes);
  });
});
