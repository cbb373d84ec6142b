import { describe, expect, it } from 'vitest';
import { DEFER_READ_MODELS_FROM, shouldDeferReadModels, type CatchUpStart } from './deferred-catch-up.js';

/** A new desk's first pull, HQ a year ahead. */
const joining: CatchUpStart = { decidedHere: false, firstPullDone: false, pending: 0, needsFullPull: false, checkpoint: 0, head: 1_000_000, threshold: DEFER_READ_MODELS_FROM };

describe('whether a pull defers the read models', () => {
  it('given a new desk (empty log) and HQ a long history ahead, defers', () => {
    expect(shouldDeferReadModels(joining)).toBe(true);
  });

  it('given HQ exactly the threshold ahead, defers; one event less, does not', () => {
    expect(shouldDeferReadModels({ ...joining, head: DEFER_READ_MODELS_FROM })).toBe(true);
    expect(shouldDeferReadModels({ ...joining, head: DEFER_READ_MODELS_FROM - 1 })).toBe(false);
  });

  it('given a desk that has had the whole history once (back from a long outage), does not', () => {
    expect(shouldDeferReadModels({ ...joining, firstPullDone: true, checkpoint: 12 })).toBe(false);
  });

  it('given a desk that decided a command (its events all published or set aside), does not', () => {
    expect(shouldDeferReadModels({ ...joining, decidedHere: true })).toBe(false);
  });

  it('given a desk restarted half-way through joining (part of the log here, nothing decided), defers again while HQ is far enough ahead', () => {
    expect(shouldDeferReadModels({ ...joining, checkpoint: 500_000 })).toBe(true);
    expect(shouldDeferReadModels({ ...joining, checkpoint: 1_000_000 - DEFER_READ_MODELS_FROM + 1 })).toBe(false);
  });

  it('given pending events, does not', () => {
    expect(shouldDeferReadModels({ ...joining, pending: 1 })).toBe(false);
  });

  it('given a restored backup waiting for its full pull, does not', () => {
    expect(shouldDeferReadModels({ ...joining, needsFullPull: true })).toBe(false);
  });

  it('given a lowered threshold (tests), follows it', () => {
    expect(shouldDeferReadModels({ ...joining, head: 200, threshold: 200 })).toBe(true);
    expect(shouldDeferReadModels({ ...joining, head: 199, threshold: 200 })).toBe(false);
  });
});
