/** What an HQ process is configured with; the limits are published in /v1/health. */
import fs from 'node:fs';
import { z } from 'zod';
import { AppVersion } from '../shared/contract/values.js';
import type { HqLimits } from '../shared/contract/sync-protocol.js';

export interface HqSettings {
  /** HQ's own version (package.json). */
  readonly version: string;
  /** Pushes from an older app get 426 unless every event is already recorded. */
  readonly minClientVersion: string;
  readonly limits: HqLimits;
}

/**
 * 2000 events of up to 2 KB fit in 4 MiB (a desk's batch also stops at the byte limit): a desk back
 * from an outage drains in half as many pushes as at 1000, each a commit HQ makes and a receipt
 * transaction the desk makes (~20 ms, no longer than applying a pulled page). 30 s long-polls stay
 * under common proxy idle timeouts (60 s). Depth 32 is far beyond any envelope (a plan item sits at 6).
 * A pull page of 1,000 events of a year's data is ~700 KB; 8 MiB bounds what a page of events
 * pushed near the body limit costs HQ, its database and the desk (SQLite refuses a page over 1 GB,
 * V8 a string over 512 MiB), and is at least maxPullLimit × LARGE_EVENT_BYTES, so a page without
 * large events never sums its bytes (log/large-event.ts).
 */
/**
 * The most an operator may set limits.maxPullBytes to (`hq serve --max-pull-bytes`): a page over
 * ~1 GB is one SQLite refuses to build, and one over 512 MiB one the desk cannot hold as a
 * string, which is what the byte limit is there to prevent.
 */
export const MOST_PULL_BYTES = 256 * 1024 * 1024;

export const DEFAULT_LIMITS: HqLimits = {
  maxEventsPerPush: 2000,
  maxBodyBytes: 4 * 1024 * 1024,
  maxJsonDepth: 32,
  maxPullLimit: 1000,
  maxPullBytes: 8 * 1024 * 1024,
  maxWaitMs: 30_000,
  maxWaitingPullsPerDevice: 4,
};

export const DEFAULT_MIN_CLIENT_VERSION = '0.0.0';

/** The version in package.json, two folders up from this file wherever it runs from. */
export const packageVersion = (): string => {
  const text = fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return z.object({ version: AppVersion }).parse(JSON.parse(text)).version;
};
