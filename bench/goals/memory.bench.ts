/**
 * Goal 8: the desk process's resident memory after a simulated busy day on desk A's year (the
 * day's commands and the reads its screens make, in a process of its own started from the
 * bundle), beside a process that only opened the file with better-sqlite3 and read the day board
 * as often. Goal: < 250 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleChild } from '../children/bundle.js';
import type { Bench } from '../context.js';
import type { Row } from '../report.js';

interface Report {
  readonly rss: number;
  readonly peak: number;
  readonly heapUsed: number;
  readonly refused: number;
  readonly commands: number;
}

const run = (file: string, args: readonly string[]): Promise<Report> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Report) : reject(new Error(`busy-day child exited ${code}`))));
  });

const MB = 1_000_000;
/** --quick: the busy day's first 600 commands (the full run's whole day is the figure of record). */
const QUICK_COMMANDS = 600;

export const memoryBench: Bench = async (context) => {
  const file = await bundleChild(path.join(import.meta.dirname, '../children/busy-day.child.ts'));
  const infoFile = path.join(context.dataset.dir, 'dataset.json');
  context.log('  a desk process lives through the busy day…');
  // Side by side: resident memory is what each reports, not time, and neither process shares anything with the other
  const limit = context.quick ? [String(QUICK_COMMANDS)] : [];
  const [desk, raw] = await Promise.all([run(file, ['desk', context.copyDesk(), infoFile, ...limit]), run(file, ['raw', context.copyDesk(), infoFile, ...limit])]);
  if (!fs.existsSync(infoFile)) throw new Error('no dataset.json');
  return [
    {
      goal: 8,
      name: `desk process RSS after a busy day (${desk.commands} commands and the screens' reads)`,
      figure: { value: desk.rss / MB, unit: 'MB', detail: `peak ${(desk.peak / MB).toFixed(0)} MB, JS heap ${(desk.heapUsed / MB).toFixed(0)} MB${desk.refused ? `; ${desk.refused} commands refused` : ''}` },
      baseline: { name: 'a process that only opened the file and read the board', value: raw.rss / MB, unit: 'MB' },
      ratio: raw.rss / desk.rss,
      target: { of: 'value', atMost: 250, text: '< 250 MB' },
    } satisfies Row,
  ];
};
