/**
 * HQ as the benchmarks run it: its own process started from the bundled CLI (children/bundle.ts),
 * logging warnings only; stopped with its warnings and errors shown in the run's log, and how long
 * the stop took when it was slow (a shutdown held up by a request would otherwise only show as a
 * benchmark that took seconds longer).
 */
import { startHqProcess, type HqProcess, type HqTarget } from '../../test/support/hq-process.js';
import { hqBundle } from '../children/bundle.js';
import type { BenchContext } from '../context.js';

/**
 * Builds HQ's bundle if a source changed, then returns a start that spawns HQ at once: the caller
 * does its own set-up (synchronous, mostly) while HQ loads, and awaits the start after it.
 */
export const benchHqStarter = async (): Promise<(target: HqTarget) => Promise<HqProcess>> => {
  const bundle = await hqBundle();
  return (target) => startHqProcess(target, { logLevel: 'warn', bundle });
};

export const stopBenchHq = async (context: BenchContext, hq: HqProcess): Promise<void> => {
  const started = performance.now();
  await hq.stop();
  const took = performance.now() - started;
  if (took > 1_000) context.log(`  HQ took ${(took / 1000).toFixed(1)} s to stop`);
  for (const line of hq.logs.lines) context.log(`  HQ: ${JSON.stringify(line)}`);
};
