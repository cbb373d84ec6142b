/** An HQ server inside the test process, on 127.0.0.1 and a free port, with its logs captured. */
import type { FastifyInstance } from 'fastify';
import type { HqLimits } from '../../shared/contract/sync-protocol.js';
import { createHqApp, listenHq } from '../../src-server/http/hq-app.js';
import { DEFAULT_LIMITS, packageVersion, type HqSettings } from '../../src-server/settings.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { LogLines } from './log-lines.js';

export interface RunningHq {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly logs: LogLines;
  readonly settings: HqSettings;
  /** Closes the server; the store stays open (the suite owns it). */
  readonly stop: () => Promise<void>;
}

/** Test limits: long-polls may outlast any test timeout, so a missed wake-up fails the test. */
export const TEST_LIMITS: HqLimits = { ...DEFAULT_LIMITS, maxWaitMs: 120_000 };

export const startHqServer = async (
  store: HqStore,
  overrides: { readonly minClientVersion?: string; readonly limits?: Partial<HqLimits> } = {},
): Promise<RunningHq> => {
  const logs = new LogLines();
  const settings: HqSettings = {
    version: packageVersion(),
    minClientVersion: overrides.minClientVersion ?? '0.0.0',
    limits: { ...TEST_LIMITS, ...overrides.limits },
  };
  const app = createHqApp({ store, settings, log: { level: 'debug', destination: logs.destination }, closeStore: false });
  const url = await listenHq(app, '127.0.0.1', 0);
  return { url, app, logs, settings, stop: () => app.close() };
};
