/**
 * What every benchmark gets: the data set (built or loaded from the cache), a scratch folder for
 * the copies it works on, the run's size (`--quick`), and one way to show progress.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../src-main/core/store/desk-store.js';
import { SQLITE_FILE } from '../src-server/store/sqlite/open-sqlite.js';
import type { RunningPostgres } from '../test/support/embedded-postgres.js';
import { startPostgresProcess } from '../test/support/postgres-child.js';
import { copyDataFolder, type Dataset } from './data/dataset.js';
import type { Row } from './report.js';

export interface BenchContext {
  readonly quick: boolean;
  readonly dataset: Dataset;
  /** A new folder in the run's scratch space (removed at the end of the run). */
  readonly scratchDir: (label: string) => string;
  /** A data folder holding a copy of desk A's database, to work on. */
  readonly copyDesk: () => string;
  /** A data folder holding a copy of HQ's SQLite file. */
  readonly copyHq: () => string;
  /** The run's embedded PostgreSQL, started on first use (from an initdb'd template: children/postgres.child.ts). */
  readonly postgres: () => Promise<RunningPostgres>;
  /** Resolves when the untimed benchmark running beside this one (memory) has finished; await it before timing anything. */
  readonly untimedDone: () => Promise<void>;
  /** A line on stderr (the table goes to stdout). */
  readonly log: (line: string) => void;
  /** A progress bar on stderr, redrawn in place on a terminal. */
  readonly progress: (label: string, done: number, total: number) => void;
}

export type Bench = (context: BenchContext) => Promise<Row[]>;

export const createContext = (options: {
  readonly quick: boolean;
  readonly dataset: Dataset;
}): BenchContext & { readonly runBeside: (work: Promise<void>) => void; readonly stopPostgres: () => Promise<void>; readonly dispose: () => Promise<void> } => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-'));
  let count = 0;
  const scratchDir = (label: string) => {
    const dir = path.join(scratch, `${label}-${++count}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  let postgres: Promise<RunningPostgres> | undefined;
  /** Untimed work running beside the benchmarks (memory, PostgreSQL's stop). */
  const beside: Promise<void>[] = [];
  const stopPostgres = async () => {
    const running = postgres;
    postgres = undefined;
    if (running) await (await running).stop();
  };
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  return {
    ...options,
    scratchDir,
    copyDesk: () => copyDataFolder(options.dataset.deskDir, scratchDir('desk'), DATABASE_FILE),
    copyHq: () => copyDataFolder(options.dataset.hqDir, scratchDir('hq'), SQLITE_FILE),
    postgres: () => (postgres ??= startPostgresProcess(path.join(import.meta.dirname, 'children', 'postgres.child.ts'))),
    log: (line) => process.stderr.write(`${line}\n`),
    progress: (label, done, total) => {
      const now = Date.now();
      const finished = done >= total;
      if (!finished && now - lastDraw < (tty ? 100 : 5_000)) return;
      lastDraw = now;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const bar = `${'█'.repeat(Math.round(share * width))}${'░'.repeat(width - Math.round(share * width))}`;
      const text = `  ${label} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      process.stderr.write(tty ? `\r${text}${finished ? '\n' : ''}` : `${text}\n`);
    },
    untimedDone: () => Promise.all(beside).then(() => undefined),
    runBeside: (work) => {
      beside.push(work);
      work.catch(() => undefined); // a failure surfaces where it is awaited (untimedDone), not as an unhandled rejection
    },
    stopPostgres,
    dispose: async () => {
      await Promise.allSettled(beside); // all of it, failed or not, before the scratch folder goes
      await stopPostgres();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
};
