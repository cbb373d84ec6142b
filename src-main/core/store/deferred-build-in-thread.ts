/**
 * The build thread's side of a deferred build (deferred-build-thread.ts has the desk's side). It
 * writes the deferred read models into a scratch file of their own, with the desk's database
 * attached for reading the log: the desk's write lock and page cache are never touched, so the
 * desk stores HQ's pages at full speed meanwhile. It replays the log as the desk stores it, until
 * the desk says the log is whole; the desk then copies the tables in (ProjectionSet.adoptBuilt).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { StreamRegistry } from '../../../shared/eventsourcing/index.js';
import { openWritable } from '../../../src-node/sqlite/database.js';
import { removeScratch, type BuildThreadData, type FromBuildThread, type ToBuildThread } from './deferred-build-thread.js';
import type { Projection } from './projection.js';
import { projectionLogOf } from './projection-log.js';
import { openProjectionSet, type LogAhead } from './projection-set.js';

export const runDeferredBuildInThread = async (registry: StreamRegistry, projections: readonly Projection[]): Promise<void> => {
  const port = parentPort;
  if (!port) throw new Error('runDeferredBuildInThread runs in a worker thread');
  const data = workerData as BuildThreadData;
  const tell = (message: FromBuildThread): void => port.postMessage(message);

  let grown = false;
  let whole = false;
  let stopped = false;
  let checkpoint = false;
  let wake: (() => void) | undefined;
  port.on('message', (message: ToBuildThread) => {
    if (message.kind === 'more') grown = true;
    else if (message.kind === 'whole') whole = true;
    else if (message.kind === 'checkpoint') checkpoint = true;
    else stopped = true;
    wake?.();
  });
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  };

  removeScratch(data.scratch);
  // Nothing here needs to survive a crash: the desk still records these read models as deferred,
  // so a desk that stops before it copied them in rebuilds them when it opens.
  const db = openWritable(data.scratch, { scratch: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
  try {
    const targets = projections.filter((projection) => projection.deferrable === true);
    for (const projection of targets) db.exec(projection.schema);
    db.prepare('ATTACH DATABASE ? AS desk').run(data.file);
    const log = projectionLogOf(db);
    const streamAt = db.prepare<[number], string>('SELECT stream_id FROM desk.events WHERE position = ?').pluck();
    const unreadable: number[] = [];
    const kept = new Set<string>();
    /** The last position read (a slice run again carefully reads the same). */
    let through = 0;
    const set = openProjectionSet(
      db,
      registry,
      targets,
      {
        ...log,
        readPage: (after, limit, only) => {
          const page = log.readPage(after, limit, only);
          through = Math.max(through, page.at(-1)?.position ?? 0);
          return page;
        },
        // the desk marks them in its log when it takes the build (it alone writes the log)
        markUnreadable: (position) => {
          unreadable.push(position);
          const streamId = streamAt.get(position);
          if (streamId !== undefined) kept.add(streamId);
        },
      },
      undefined,
      'deferred-build',
    );
    const built = await set.buildDeferred({
      slice: data.slice,
      between: async () => {
        // the messages that came meanwhile (a stop, more log) are read before the next slice
        await new Promise((resolve) => setImmediate(resolve));
        return !stopped;
      },
      logAhead: async (): Promise<LogAhead> => {
        await until(() => grown || whole || stopped);
        grown = false;
        return stopped ? 'stop' : whole ? 'whole' : 'more';
      },
      onProgress: (done, total) => tell({ kind: 'progress', done, total }),
    });
    if (!built) {
      tell({ kind: 'stopped' });
      return;
    }
    tell({ kind: 'built', unreadable, kept: [...kept], through });
    // The desk copies the tables in and commits without checkpointing its WAL (~300 MB for the
    // year): done here, on this connection, so the desk answers meanwhile (a PASSIVE checkpoint
    // waits for nobody, and the desk's own autocheckpoint gives way to it).
    await until(() => checkpoint || stopped);
    if (checkpoint && !stopped) db.pragma('desk.wal_checkpoint(PASSIVE)');
  } catch (error) {
    tell({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    db.close();
    // closed first: a file still open cannot be removed on Windows
    removeScratch(data.scratch);
    // nothing more to hear: the thread ends once its last messages are sent
    port.unref();
  }
};

