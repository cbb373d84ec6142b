/**
 * Goal 4: cold start. A new process (the desk's code bundled as it ships) opens a copy of desk
 * A's year and answers its first board.day: from the spawn to the answer, less the sign-in's PIN
 * check (a deliberately slow scrypt, and a person typing in real life; shown on its own). Beside
 * it: a process that opens the file with better-sqlite3 and runs the day board's SQL, from a
 * bundle of its own that holds none of the desk's code; and, to show what is Node's own, an empty
 * Node process (spawn to its first line). The OS file cache is warm (the copy was just written), as it is for a desk restarted during the day.
 * Goal: < 300 ms, and no replay of the log (the read models are opened as they are).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { bundleChild } from '../children/bundle.js';
import type { Bench } from '../context.js';
import { latencies, ms, type Row } from '../report.js';

interface Milestones {
  readonly loaded: number;
  readonly opened?: number;
  readonly ready?: number;
  readonly signedIn?: number;
  readonly board: number;
  readonly visits: number;
}

/** Node with `args`; its last line of output is the milestones. */
const runChild = (args: readonly string[]): Promise<Milestones & { spawned: number }> =>
  new Promise((resolve, reject) => {
    const spawned = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`cold-start child exited ${code}`));
      else resolve({ ...(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Milestones), spawned });
    });
  });

export const coldStartBench: Bench = async (context) => {
  const file = await bundleChild(path.join(import.meta.dirname, '../children/cold-start.child.ts'));
  const rawFile = await bundleChild(path.join(import.meta.dirname, '../children/cold-start-raw.child.ts'));
  const dataDir = context.copyDesk();
  const { info } = context.dataset;
  const versions = () => {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return JSON.stringify(db.prepare('SELECT name, version FROM projection_state ORDER BY name').all());
    } finally {
      db.close();
    }
  };
  const before = versions();
  const desk: number[] = [];
  const pin: number[] = [];
  const startup: number[] = [];
  const openOnly: number[] = [];
  const raw: number[] = [];
  const emptyNode: number[] = [];
  let visits = 0;
  const runs = context.quick ? 3 : 7;
  for (let i = 0; i < runs; i++) {
    const run = await runChild([file, dataDir, info.manager.staffId, info.manager.pin, info.busyDay.date]);
    const pinMs = (run.signedIn ?? 0) - (run.ready ?? 0);
    desk.push(run.board - run.spawned - pinMs);
    pin.push(pinMs);
    startup.push(run.loaded - run.spawned);
    openOnly.push((run.ready ?? 0) - run.loaded);
    visits = run.visits;
    const bare = await runChild([rawFile, dataDir, info.busyDay.date]);
    raw.push(bare.board - bare.spawned);
    const empty = await runChild(['-e', 'process.stdout.write(JSON.stringify({ loaded: Date.now(), board: Date.now(), visits: 0 }))']);
    emptyNode.push(empty.board - empty.spawned);
    context.progress('cold starts', i + 1, runs);
  }
  const replayed = versions() !== before;
  const figure = latencies(desk);
  const baseline = latencies(raw);
  return [
    {
      goal: 4,
      name: `cold start to the first board.day (${(info.events / 1e6).toFixed(2)}M events)`,
      figure: {
        value: figure.p50,
        unit: 'ms',
        detail: `median of ${runs}; max ${ms(figure.max)}; Node start and loading the bundle ${ms(latencies(startup).p50)} (an empty Node process ${ms(latencies(emptyNode).p50)}), opening the desk ${ms(latencies(openOnly).p50)}; PIN check (not counted) ${ms(latencies(pin).p50)}; ${visits} visits on the board; ${replayed ? 'the read models were REBUILT' : 'no replay of the log'}`,
      },
      baseline: { name: 'new process (none of the desk\'s code): better-sqlite3 opens the file, runs the board SQL', value: baseline.p50, unit: 'ms' },
      ratio: baseline.p50 / figure.p50,
      target: { of: 'value', atMost: 300, text: '< 300 ms, no replay' },
      ...(replayed ? { note: 'a read model was rebuilt on open' } : {}),
    } satisfies Row,
  ];
};
