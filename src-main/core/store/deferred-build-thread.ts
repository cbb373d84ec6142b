/**
 * A joining desk's deferred read models, built on a thread of their own while the desk still
 * pulls the log (issue 14, goal 7). The desk's thread parses HQ's pages and stores them; the
 * build thread replays what is stored into the deferred read models meanwhile, so the two
 * overlap instead of running one after the other.
 *
 * The thread writes into a scratch file beside the desk's database (DEFERRED_BUILD_FILE), with
 * the desk's attached for reading the log. SQLite lets one connection write a file at a time, and
 * a connection drops its page cache whenever another commits to the file: two writers on the
 * desk's file took turns page by page and were slower together (94–103 s for the year's log)
 * than one after the other (87 s). Once the log is whole, the desk copies the tables in
 * (ProjectionSet.adoptBuilt); the thread then checkpoints the desk's WAL and removes the scratch file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DeferredBuildOutcome } from './projection-set.js';

/** The scratch file a build thread writes, in the desk's data folder. */
export const DEFERRED_BUILD_FILE = 'desk.building.db';

/** Removes a scratch file and its WAL (a build that a crash or a close left behind). */
export const removeScratch = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
};

/** Where the thread's code is: a built .cjs/.js file (the Electron app), or a .ts source run through tsx. */
export interface BuildThreadEntry {
  readonly file: string;
}

/** What the desk hands the thread when it starts it. */
export interface BuildThreadData {
  /** The desk's database, attached for reading the log. */
  readonly file: string;
  /** The scratch file the thread writes the read models into. */
  readonly scratch: string;
  readonly nativeBinding?: string;
  /** Events a slice replays between two looks at the desk's messages. */
  readonly slice: number;
}

export type ToBuildThread = { readonly kind: 'more' } | { readonly kind: 'whole' } | { readonly kind: 'checkpoint' } | { readonly kind: 'stop' };
export type FromBuildThread =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | ({ readonly kind: 'built' } & DeferredBuildOutcome)
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly message: string };

/** How long stop() waits for the thread to end its slice and close before ending it. */
const MOST_STOP_WAIT_MS = 15_000;

export interface DeferredBuildThread {
  /** The scratch file the thread builds in (ProjectionSet.adoptBuilt copies from it). */
  readonly scratch: string;
  /** The log has grown (a page committed): the build reads on. */
  readonly logGrew: () => void;
  /** The desk holds HQ's head: nothing more comes; the build finishes. */
  readonly logWhole: () => void;
  /**
   * The desk has taken the read models (ProjectionSet.adoptBuilt, committed without a checkpoint):
   * the thread checkpoints the desk's WAL on its own connection, removes its scratch file and ends.
   */
  readonly checkpointAndEnd: () => void;
  /** What it kept as unreadable once built, or 'stopped'; rejects when the thread failed. */
  readonly finished: Promise<DeferredBuildOutcome | 'stopped'>;
  /** Asks the thread to stop after its slice and waits until it has closed its connection and removed its scratch file. */
  readonly stop: () => Promise<void>;
}

/** A .ts entry is loaded through tsx's loader, registered inside the thread before the entry is imported. */
const bootstrapOf = (entry: string): { readonly code: string; readonly eval: boolean } => {
  if (!entry.endsWith('.ts')) return { code: entry, eval: false };
  const require = createRequire(import.meta.filename);
  const tsxApi = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  return { code, eval: true };
};

export const startDeferredBuildThread = (options: {
  readonly entry: BuildThreadEntry;
  readonly file: string;
  readonly nativeBinding?: string;
  readonly slice: number;
  readonly onProgress: (done: number, total: number) => void;
  /** The thread failed after it built (checkpointing the desk's WAL): nothing to undo, but worth a log line. */
  readonly onLateFailure?: (error: Error) => void;
}): DeferredBuildThread => {
  const scratch = path.join(path.dirname(options.file), DEFERRED_BUILD_FILE);
  const data: BuildThreadData = {
    file: options.file,
    scratch,
    slice: options.slice,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  const bootstrap = bootstrapOf(options.entry.file);
  const worker = new Worker(bootstrap.code, { eval: bootstrap.eval, workerData: data });
  const post = (message: ToBuildThread): void => worker.postMessage(message);
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  /** Whether `finished` has its answer: a failure after that is the thread's checkpoint's. */
  let answered = false;
  const finished = new Promise<DeferredBuildOutcome | 'stopped'>((resolve, reject) => {
    const answer = (outcome: DeferredBuildOutcome | 'stopped'): void => {
      answered = true;
      resolve(outcome);
    };
    const fail = (error: Error): void => {
      if (answered) return void options.onLateFailure?.(error);
      answered = true;
      reject(error);
    };
    worker.on('message', (message: FromBuildThread) => {
      if (message.kind === 'progress') options.onProgress(message.done, message.total);
      else if (message.kind === 'built') answer({ unreadable: message.unreadable, kept: message.kept, through: message.through });
      else if (message.kind === 'stopped') answer('stopped');
      else fail(new Error(`the deferred build thread failed: ${message.message}`));
    });
    worker.on('error', fail);
    void exit.then(() => reject(new Error('the deferred build thread ended before it finished')));
  });
  finished.catch(() => undefined);
  return {
    scratch,
    logGrew: () => post({ kind: 'more' }),
    logWhole: () => post({ kind: 'whole' }),
    checkpointAndEnd: () => post({ kind: 'checkpoint' }),
    finished,
    stop: async () => {
      if (exited) return;
      post({ kind: 'stop' });
      // A slice ends within a second or two; a thread stuck longer is ended (its transaction rolls back).
      const stuck = setTimeout(() => void worker.terminate(), MOST_STOP_WAIT_MS);
      await exit;
      clearTimeout(stuck);
    },
  };
};
