/**
 * `npm run bench [-- <name>…]`: runs the benchmarks (all, or those named). Each prints its own
 * figures beside a raw baseline measured in the same run. Figures, not pass/fail: timing goals
 * live here, never in tests.
 */
import { runBoardBench } from './board.bench.js';
import { runEventStoreBench } from './event-store.bench.js';
import { runHqBench } from './hq.bench.js';
import { runSyncBench } from './sync.bench.js';

const benches: Record<string, () => void | Promise<void>> = {
  'event-store': runEventStoreBench,
  hq: runHqBench,
  sync: runSyncBench,
  board: runBoardBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
console.log(`clinic-desk benchmarks on ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString()}`);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
