/**
 * How long to wait before trying HQ again after a failure: exponential from 1 s to a minute, with
 * "equal jitter" (half fixed, half random) so the desks of a clinic that lost HQ together do not
 * all come back in the same second; never sooner than HQ's Retry-After.
 */
export interface BackoffPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
  /** Retry-After beyond this is capped: a desk never waits longer than this on HQ's word. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 60_000, maxRetryAfterMs: 300_000 };

/** The wait after the `failures`-th consecutive failure (1-based); `random` in [0, 1). */
export const backoffDelay = (
  failures: number,
  random: () => number,
  retryAfterMs: number | null = null,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number => {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** exponent);
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
};
