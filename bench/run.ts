/**
 * `npm run bench [-- --quick] [-- --seed <n>] [-- <name>…]`: the benchmarks of issue 14 on a
 * seeded year of a busy clinic (bench/data), each figure beside a raw baseline measured in the
 * same run. Prints one table, writes it as JSON to bench/results/<date>.json (`<date>-quick.json`
 * for --quick, `<date>-<names>.json` when only some run, with the run's UTC time added when that file exists) and, for a full run of every benchmark, draws the chart beside the README
 * (docs/benchmark-goals.png). Figures, not pass/fail: timing goals live here, never in tests.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { boardBench } from './board.bench.js';
import { createContext, type Bench } from './context.js';
import { DEFAULT_SEED, loadDataset, SCALES } from './data/dataset.js';
import { coldStartBench } from './goals/cold-start.bench.js';
import { commandExecuteBench } from './goals/command-execute.bench.js';
import { hqBench } from './goals/hq.bench.js';
import { joinBench } from './goals/join.bench.js';
import { memoryBench } from './goals/memory.bench.js';
import { queriesBench } from './goals/queries.bench.js';
import { rebuildBench } from './goals/rebuild.bench.js';
import { rehydrateBench } from './goals/rehydrate.bench.js';
import { sizeBench } from './goals/size.bench.js';
import { syncBench } from './goals/sync.bench.js';
import { formatTable, loadAverage, machine, type Row } from './report.js';

/** In the order they run (and the table lists them). */
const benches: Record<string, Bench> = {
  execute: commandExecuteBench,
  rehydrate: rehydrateBench,
  queries: queriesBench,
  'cold-start': coldStartBench,
  rebuild: rebuildBench,
  hq: hqBench,
  join: joinBench,
  sync: syncBench,
  memory: memoryBench,
  size: sizeBench,
  board: boardBench,
};

/** The benchmarks that use the run's PostgreSQL: it stops after the last of them, so none of its background work (checkpoints, autovacuum) falls on a later benchmark. */
const USE_POSTGRES = new Set(['hq', 'join', 'sync']);

/**
 * Benchmarks that time nothing (memory: resident set sizes) run beside what follows them, never
 * beside a timing: `size` times nothing either, and `board` sets up (Vite, Chromium) beside them and
 * awaits them (context.untimedDone) before its rounds. Any other benchmark waits for them before it
 * starts, and so does every benchmark when profiling (one profiler session). PostgreSQL's stop after
 * the last benchmark that uses it is untimed work of the same kind.
 */
const UNTIMED = new Set(['memory']);
const BESIDE_UNTIMED = new Set(['size', 'board']);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
const wanted = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--seed');
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0 || !Number.isSafeInteger(seed)) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}; flags: --quick, --seed <n>`);
  process.exit(2);
}

const startedAt = new Date().toISOString();
const host = machine();
console.log(`clinic-desk benchmarks${quick ? ' (--quick)' : ''}: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.platform}, Node ${host.node}, SQLite ${host.sqlite}`);
console.log(`  ${new Date().toISOString()}, load average ${loadAverage()} (1, 5, 15 min)`);
const dataset = await loadDataset({ seed, scale: quick ? SCALES.quick : SCALES.full });
const { info } = dataset;
console.log(
  `  data: seed ${info.seed}, ${info.scale.days} days from ${info.start}: ${info.events.toLocaleString('en-US')} events, ${info.visits.toLocaleString('en-US')} visits, ${info.patients.toLocaleString('en-US')} patients, ${info.staff} staff, 3 desks; busy day ${info.busyDay.date} (${info.busyDay.steps.length} commands)`,
);
const context = createContext({ quick, dataset });

/**
 * `BENCH_CPU_PROF=<dir>`: a CPU profile of this process per benchmark (<dir>/<name>.cpuprofile),
 * and one per child process (HQ, the cold-start and busy-day desks) as it exits. Profiled figures
 * are slower: profile and measure in separate runs.
 */
const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
const profiler = profileDir ? new Session() : undefined;
if (profiler && profileDir) {
  fs.mkdirSync(profileDir, { recursive: true });
  profiler.connect();
  await profiler.post('Profiler.enable');
}
const profiled = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  if (!profiler || !profileDir) return run();
  await profiler.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(path.join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
  }
};
/** Each benchmark's rows, in the order they run, whenever each finishes. */
const rowsOf: Row[][] = [];
const loads: Record<string, string> = {};
try {
  const running = Object.entries(benches).filter(([name]) => wanted.length === 0 || wanted.includes(name));
  for (const [index, [name, bench]] of running.entries()) {
    if (profiler || !(BESIDE_UNTIMED.has(name) || UNTIMED.has(name))) await context.untimedDone();
    const before = loadAverage();
    context.log(`\n${name}: load average ${before}`);
    const t0 = performance.now();
    const rows: Row[] = [];
    rowsOf.push(rows);
    const work = profiled(name, () => bench(context)).then((found) => {
      rows.push(...found);
      loads[name] = `${before} → ${loadAverage()}`;
      context.log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s, load average ${loads[name]}`);
    });
    if (UNTIMED.has(name) && !profiler) context.runBeside(work);
    else await work;
    // PostgreSQL stops (a checkpoint, a second or two) like an untimed benchmark: beside what follows, awaited before any timing
    if (!running.slice(index + 1).some(([next]) => USE_POSTGRES.has(next))) context.runBeside(context.stopPostgres());
  }
  await context.untimedDone();
} finally {
  await context.dispose();
}
const rows = rowsOf.flat();

console.log(`\n${formatTable(rows)}`);
// since the process started (performance.now()'s origin): loading the benchmarks' modules counts too
console.log(`\n  load average at the end ${loadAverage()}; ${(performance.now() / 1000).toFixed(0)} s in all`);

const date = new Date().toISOString().slice(0, 10);
const resultsDir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
// A run of some benchmarks only never overwrites a whole run's figures, and no run overwrites an
// earlier one's file (results get cited and committed): a second run of the day takes its UTC time.
const name = `${date}${quick ? '-quick' : ''}${wanted.length > 0 ? `-${wanted.join('-')}` : ''}`;
const { busyDay: _busyDay, devices: _devices, ...data } = info;
const results = { date: new Date().toISOString(), quick, machine: host, loads, data, rows };
const hhmmss = startedAt.slice(11, 19).replaceAll(':', '');
const file = [`${name}.json`, `${name}-${hhmmss.slice(0, 4)}.json`, `${name}-${hhmmss}.json`]
  .map((candidate) => path.join(resultsDir, candidate))
  .find((candidate) => !fs.existsSync(candidate));
// every name taken means a run started in the same second as another: fail loudly, replace nothing
if (file === undefined) throw new Error(`bench/results already holds ${name}-${hhmmss}.json; this run's figures are in the table above`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`, { flag: 'wx' });
console.log(`  results: ${path.relative(process.cwd(), file)}`);
if (!quick && wanted.length === 0) {
  const { drawChart } = await import('./chart.js'); // Chromium's driver, loaded only for the chart
  console.log(`  chart: ${path.relative(process.cwd(), await drawChart(results))}`);
}
