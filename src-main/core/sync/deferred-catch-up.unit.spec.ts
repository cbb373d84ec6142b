import { describe, expect, it } from 'vitest';
import { DEFER_READ_MODELS_FROM, shouldDeferReadModels, type CatchUpStart } from './deferred-catch-up.js';

/** A new desk's first pull, HQ a year ahead. */
const joining: CatchUpStart = { localPosition: 0, pending: 0, needsFullPull: false, checkpoint: 0, head: 1_000_000, threshold: DEFER_READ_MODELS_FROM };

describe('whether a pull defers the read models', () => {
  it('given a new desk (empty log) and HQ a long history ahead, defers', () => {
    expect(shouldDeferReadModels(joining)).toBe(true);
  });

  it('given HQ exactly the threshold ahead, defers; one event less, does not', () => {
    expect(shouldDeferReadModels({ ...joining, head: DEFER_READ_MODELS_FROM })).toBe(true);
    expect(shouldDeferReadModels({ ...joining, head: DEFER_READ_MODELS_FROM - 1 })).toBe(false);
  });

  it('given a desk that holds events (back from an outage), does not', () => {
    expect(shouldDeferReadModels({ ...joining, localPosition: 12, checkpoint: 12 })).toBe(false);
  });

  it('given a desk whose log once held events (all set aside), does not', () => {
    expect(shouldDeferReadModels({ ...joining, localPosition: 3 })).toBe(false);
  });

  it('given pending events, does not', () => {
    expect(shouldDeferReadModels({ ...joining, pending: 1 })).toBe(false);
  });

  it('given a restored backup waiting for its full pull, does not', () => {
    expect(shouldDeferReadModels({ ...joining, needsFullPull: true })).toBe(false);
  });

  it('given a checkpoint already moved, does not', () => {
    expect(shouldDeferReadModels({ ...joining, checkpoint: 500 })).toBe(false);
  });

  it('given a lowered threshold (tests), follows it', () => {
    expect(shouldDeferReadModels({ ...joining, head: 200, threshold: 200 })).toBe(true);
    expect(shouldDeferReadModels({ ...joining, head: 199, threshold: 200 })).toBe(false);
  });
});
