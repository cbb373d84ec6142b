/**
 * A deferred build on a thread of its own (store/deferred-build-thread.ts, the thread's side in
 * deferred-build-in-thread.ts) and the desk taking what it built (ProjectionSet.adoptBuilt), with
 * the kernel's test aggregate: a real worker thread writing its scratch file while the desk's log
 * grows. The clinic's own join through HQ is test/sync/join-build-thread.int.spec.ts.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src-main/core/ids.js';
import { DEFERRED_BUILD_FILE, startDeferredBuildThread, type DeferredBuildThread } from '../../src-main/core/store/deferred-build-thread.js';
import type { DeferredBuildOutcome } from '../../src-main/core/store/projection-set.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import { eventually } from '../support/sync-clinic.js';
import { openTabDesk, recordTab, tabRegistry, tempDir } from '../support/tab-desk.js';
import { picky, tabAndPickyRows, thirteenIn } from '../support/tab-picky.js';
import { tabProjection } from '../support/tab-projection.js';

const ENTRY = path.join(import.meta.dirname, '..', 'support', 'tab-deferred-build-entry.ts');

/**
 * A desk whose tab-picky read model is deferred (tab-totals follows the log), as a joining desk's are;
 * `before`: tabs recorded before it is deferred (a desk reopened half-way through joining rebuilt
 * it from part of the log, and its table keeps those rows while deferred).
 */
const deferredDesk = (before: readonly number[] = []) => {
  const dataDir = tempDir('deferred-build-thread');
  const { store, headspring } = openTabDesk(dataDir, 'FULL', tabRegistry, [tabProjection, picky]);
  /** Tab n (tab 13 charges the 13 tab-picky misreads). */
  const tab = (n: number): void => recordTab(headspring, n);
  for (const n of before) tab(n);
  expect(store.events.projections.defer()).toEqual(['tab-picky']);
  const everything = () => tabAndPickyRows(store.reader);
  /** The version projection_state records for tab-picky (-1: deferred, rebuilt when the store opens). */
  const pickyVersion = () => store.reader.prepare<[], number>("SELECT version FROM projection_state WHERE name = 'tab-picky'").pluck().get();
  const progress: number[] = [];
  const startThread = (): DeferredBuildThread =>
    startDeferredBuildThread({ entry: { file: ENTRY }, file: path.join(dataDir, DATABASE_FILE), slice: 7, onProgress: (done) => progress.push(done) });
  /** Runs `body` with a build thread started on this desk; stops the thread and closes the desk after. */
  const withThread = async (body: (thread: DeferredBuildThread) => Promise<void>): Promise<void> => {
    const thread = startThread();
    try {
      await body(thread);
    } finally {
      await thread.stop();
      store.close();
    }
  };
  /** Records `tabs`, tells the thread, and waits until it has built a first slice. */
  const firstSlice = async (thread: DeferredBuildThread, tabs: readonly number[]): Promise<void> => {
    for (const n of tabs) tab(n);
    thread.logGrew();
    await eventually(() => progress.length > 0, 10_000, 'the thread built the first events');
  };
  /** The thread's build, once it says the log is whole. */
  const builtBy = async (thread: DeferredBuildThread): Promise<DeferredBuildOutcome> => {
    thread.logWhole();
    const built = await thread.finished;
    if (built === 'stopped') throw new Error('the thread stopped');
    return built;
  };
  /** The desk takes the build: a read model row for every event, equal to a rebuild. */
  const takeEqualToRebuild = (thread: DeferredBuildThread, built: DeferredBuildOutcome): void => {
    store.events.projections.adoptBuilt(thread.scratch, built);
    thread.checkpointAndEnd();
    expect(store.events.projections.deferred()).toEqual([]);
    const taken = everything();
    expect(taken.picky).toHaveLength(store.events.lastPosition());
    store.events.projections.rebuildAll();
    expect(everything()).toEqual(taken);
  };
  return { dataDir, store, tab, everything, pickyVersion, progress, withThread, firstSlice, builtBy, takeEqualToRebuild };
};

describe('a deferred build on a thread of its own', () => {
  it('given a log that grows while the thread builds, with an event the deferred read model cannot apply, when the desk takes the build, then the event is unreadable, seen as unknown by every read model, equal to a rebuild', async () => {
    const desk = deferredDesk();
    await desk.withThread(async (thread) => {
      await desk.firstSlice(thread, [10, 11]);
      // the event tab-picky cannot apply comes after the thread began
      desk.tab(13);
      thread.logGrew();
      desk.tab(5);
      const built = await desk.builtBy(thread);
      expect(built.unreadable).toHaveLength(1);
      // the deferred read model is still empty in the desk's file: only the scratch file holds it
      expect(desk.everything().picky).toEqual([]);
      desk.takeEqualToRebuild(thread, built);
      expect(thirteenIn(desk.store.reader)).toEqual({ unreadable: 1, totals: 0, picky: 0 });
      expect(desk.progress.at(-1)).toBe(desk.store.events.lastPosition());
      await eventually(() => !fs.existsSync(path.join(desk.dataDir, DEFERRED_BUILD_FILE)), 10_000, 'the scratch file removed');
    });
  });

  it('given a thread told to stop half-way, when it stops, then it removes its scratch file and the desk still has the read model deferred, rebuilt when it opens', async () => {
    const desk = deferredDesk();
    await desk.withThread(async (thread) => {
      await desk.firstSlice(thread, [10, 11, 12, 13]);
      await thread.stop();
      expect(await thread.finished).toBe('stopped');
      expect(fs.existsSync(path.join(desk.dataDir, DEFERRED_BUILD_FILE))).toBe(false);
      expect(desk.store.events.projections.deferred()).toEqual(['tab-picky']);
      expect(desk.everything().picky).toEqual([]);
    });
    const again = openDeskStore({ dataDir: desk.dataDir, registry: tabRegistry, projections: [tabProjection, picky], ids: uuidV7, now: () => new Date() });
    try {
      expect(again.events.projections.rebuiltOnOpen).toEqual(['tab-picky']);
      expect(thirteenIn(again.reader)).toEqual({ unreadable: 1, totals: 0, picky: 0 });
    } finally {
      again.close();
    }
  });

  it('given a desk whose deferred read model still holds rows from part of the log (reopened half-way), when the desk takes the build, then its rows are replaced, equal to a rebuild', async () => {
    const desk = deferredDesk([3, 4]);
    expect(desk.everything().picky).toHaveLength(11);
    await desk.withThread(async (thread) => {
      desk.tab(5);
      desk.takeEqualToRebuild(thread, await desk.builtBy(thread));
    });
  });

  it('given a scratch file without the read model`s table (a build that went wrong), when the desk tries to take it, then it fails and changes nothing: the read model stays deferred and recorded stale, the log unmarked', () => {
    const desk = deferredDesk([3]);
    try {
      const before = desk.everything();
      const scratch = path.join(desk.dataDir, DEFERRED_BUILD_FILE);
      new Database(scratch).close();
      expect(() => desk.store.events.projections.adoptBuilt(scratch, { unreadable: [1], kept: [], through: 0 })).toThrow(/tab_picky/);
      expect(desk.store.events.projections.deferred()).toEqual(['tab-picky']);
      expect(desk.pickyVersion()).toBe(-1);
      expect(desk.store.reader.prepare('SELECT count(*) FROM events WHERE unreadable = 1').pluck().get()).toBe(0);
      expect(desk.everything()).toEqual(before);
    } finally {
      desk.store.close();
    }
  });

  it('given a scratch file a crash left behind, when the desk opens, then it is removed with its journal files', () => {
    const dataDir = tempDir('deferred-build-leftover');
    const scratch = path.join(dataDir, DEFERRED_BUILD_FILE);
    for (const suffix of ['', '-wal', '-shm']) fs.writeFileSync(`${scratch}${suffix}`, 'left by a crash');
    const store = openDeskStore({ dataDir, registry: tabRegistry, projections: [tabProjection, picky], ids: uuidV7, now: () => new Date() });
    try {
      expect(['', '-wal', '-shm'].filter((suffix) => fs.existsSync(`${scratch}${suffix}`))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('given a scratch file whose table has the same columns in another order (another build`s DDL), when the desk takes it, then each value lands in its own column', () => {
    const desk = deferredDesk([3]);
    try {
      const scratch = path.join(desk.dataDir, DEFERRED_BUILD_FILE);
      const built = new Database(scratch);
      built.exec('CREATE TABLE tab_picky (known INTEGER NOT NULL, event_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID');
      const eventIds = desk.store.reader.prepare<[], string>('SELECT event_id FROM events ORDER BY position').pluck().all();
      for (const eventId of eventIds) built.prepare('INSERT INTO tab_picky (known, event_id) VALUES (1, ?)').run(eventId);
      built.close();
      desk.store.events.projections.adoptBuilt(scratch, { unreadable: [], kept: [], through: desk.store.events.lastPosition() });
      expect(desk.everything().picky).toEqual([...eventIds].sort().map((eventId) => ({ event_id: eventId, known: 1 })));
    } finally {
      desk.store.close();
    }
  });

  it('given events the desk stored after the thread built (between its last read and the desk taking the build), when the desk takes it, then the read model has them too, equal to a rebuild', async () => {
    const desk = deferredDesk();
    await desk.withThread(async (thread) => {
      desk.tab(4);
      const built = await desk.builtBy(thread);
      // the thread read the log to its end: these come after (tab 13's charge is one tab-picky cannot apply)
      desk.tab(13);
      desk.takeEqualToRebuild(thread, built);
      expect(thirteenIn(desk.store.reader)).toEqual({ unreadable: 1, totals: 0, picky: 0 });
    });
  });

  it('given a thread that fails after it said it built (its checkpoint of the desk`s WAL), when the failure comes, then the build stands and the failure is told, not dropped', async () => {
    const dataDir = tempDir('deferred-build-late-failure');
    const failures: string[] = [];
    const thread = startDeferredBuildThread({
      entry: { file: path.join(import.meta.dirname, '..', 'support', 'late-failing-build-entry.ts') },
      file: path.join(dataDir, DATABASE_FILE),
      slice: 7,
      onProgress: () => undefined,
      onLateFailure: (error) => failures.push(error.message),
    });
    try {
      expect(await thread.finished).toEqual({ unreadable: [], kept: [], through: 0 });
      await eventually(() => failures.length > 0, 10_000, 'the late failure told');
      expect(failures).toEqual(['the deferred build thread failed: the checkpoint failed']);
    } finally {
      await thread.stop();
    }
  });
});
