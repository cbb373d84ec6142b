import { isConflictEventType, type EventEnvelope, type StreamRegistry } from '../../../shared/eventsourcing/index.js';
import type { BoundProjection, ProjectedEvent, Projection } from './projection.js';
import { ownTransaction, writeTransaction, type WritableDb } from '../../../src-node/sqlite/database.js';
import { builtTableCopySql, type TableColumn } from './built-table-copy.js';

/**
 * A rebuild reads the log in pages this long: the events of a page (parsed JSON) die young, in the
 * garbage collector's nursery, where a page of 10,000 (~20 MB) outlived it and was promoted.
 */
const REBUILD_PAGE = 1_000;
/**
 * ...and writes what the read models kept back (flush) every this many events: a visit touched by
 * many of them is written once. On the 1M-event year, every 10,000 events wrote 147,800 visit
 * rows, every 100,000 81,936 (at most 8,552 visits kept back at once). The audit trail forgets a
 * visit's patient only at a flush, after the visits were written, so any length is correct.
 */
const REBUILD_FLUSH = 100_000;

/** A rebuild writes a whole read model in one transaction: a larger page cache spills less of it. */
export const REBUILD_CACHE_KIB = 131_072;

/**
 * A deferred rebuild (buildDeferred) commits, and lets the desk answer its calls, every this many
 * events: about 1.3 s of replay here. Each slice ends with a flush, so nothing is kept back across
 * the pause (another connection's commit there would make the projections forget it). Slices of
 * 20,000 built the year in 32–33 s, of 50,000 in 27–32 s (a rebuild in one pass: 26 s).
 */
export const DEFERRED_BUILD_SLICE = 50_000;

/**
 * What projection_state records for a deferred read model: no projection has this version, so a
 * store opened with one still deferred (a crash or a close during a catch-up) rebuilds it, in one
 * transaction, like any read model whose version changed.
 */
const DEFERRED_VERSION = -1;

/** How far a rebuild is: events replayed of the live log's `total`. Called after each page. */
export type RebuildProgress = (done: number, total: number) => void;

export interface ProjectionSet {
  /** Projects freshly stored events; the caller's transaction holds them. */
  readonly apply: (events: readonly PositionedRow[]) => void;
  /**
   * Projects pulled events, keeping one that a read model cannot apply as unreadable (marked in
   * the log, seen as unknown) instead of failing the page. Answers the streams of those kept.
   */
  readonly applyKeepingUnreadable: (events: readonly PositionedRow[]) => ReadonlySet<string>;
  /** Empties every read model and replays the whole log, in one transaction. */
  readonly rebuildAll: (onProgress?: RebuildProgress) => void;
  /** Removes one stream's rows and replays its events (rebase). Caller holds the transaction. */
  readonly reprojectStream: (streamId: string) => void;
  readonly resetStream: (streamId: string) => void;
  /** Names of projections rebuilt when the store opened (new or changed version). */
  readonly rebuiltOnOpen: readonly string[];
  /**
   * A joining desk's long catch-up: the deferrable read models stop following the log (apply,
   * resetStream and reprojectStream skip them) and are recorded as stale, so that a store opened
   * before buildDeferred finished rebuilds them. Answers their names.
   */
  readonly defer: () => readonly string[];
  /** Read models deferred now (empty on a store just opened: opening rebuilds them). */
  readonly deferred: () => readonly string[];
  /**
   * Rebuilds the deferred read models from the log in slices of `slice` events, each its own
   * transaction ending with a flush, awaiting `between` after each; records them current in the
   * last one. Answers false when `between` answered false (the desk closes): they stay deferred
   * and stale, and the next open rebuilds them.
   */
  readonly buildDeferred: (options: {
    readonly between: () => Promise<boolean>;
    readonly onProgress?: RebuildProgress;
    readonly slice?: number;
    /**
     * For a log that still grows (a deferred build's thread, while the desk pulls): asked when the
     * build has read the log to its end. 'more': read on; 'whole': nothing more comes, finish;
     * 'stop': stop as `between` false does. Absent: the log is whole.
     */
    readonly logAhead?: () => Promise<LogAhead>;
  }) => Promise<boolean>;
  /**
   * Takes the deferred read models a build thread made in the scratch file `file`
   * (deferred-build-thread.ts): in one transaction their rows are copied in, the events the build
   * kept as unreadable marked so in the log (and their streams projected again for the read
   * models that followed the log), the events stored after the build's last read (`through`)
   * projected into them, and they are recorded current. They follow the log again.
   * The commit sets off no checkpoint of the WAL it grew (~300 MB for the year): the caller has
   * one run elsewhere, or the next commit runs it.
   */
  readonly adoptBuilt: (file: string, built: DeferredBuildOutcome) => void;
}

/** What a deferred build on another connection kept as unreadable: positions in the log, and their streams. */
export interface DeferredBuildOutcome {
  readonly unreadable: readonly number[];
  readonly kept: readonly string[];
  /** The last position of the log the build read (0: none): the desk projects what it stored after (adoptBuilt). */
  readonly through: number;
}

/** Which events a rebuild reads when every projection it rebuilds says which it needs. */
export interface EventFilter {
  readonly streamTypes: readonly string[];
  readonly conflictEvents: boolean;
}

/** The events a set of projections needs, or undefined when one of them needs every event. */
const filterFor = (targets: readonly Projection[]): EventFilter | undefined => {
  if (targets.some((projection) => projection.streamTypes === undefined)) return undefined;
  return {
    streamTypes: [...new Set(targets.flatMap((projection) => projection.streamTypes ?? []))],
    conflictEvents: targets.some((projection) => projection.seesConflictEvents === true),
  };
};

/** The log as a set of read models reads it (projection-log.ts), on the connection the set writes with. */
export interface ProjectionLog {
  /** A page of the live log by position; `only`: just the events of those stream types (and conflict events). */
  readonly readPage: (afterPosition: number, limit: number, only?: EventFilter) => readonly PositionedRow[];
  readonly readStreamRows: (streamId: string) => readonly PositionedRow[];
  /** Live events in the log (of `only`): the total a rebuild's progress counts towards. */
  readonly countLive: (only?: EventFilter) => number;
  /** Records that the read models cannot apply the event at `position` (kept as unreadable). */
  readonly markUnreadable: (position: number) => void;
}

/**
 * Whose set it is. The desk's creates and rebuilds the read models when it opens. A deferred
 * build's thread opens one on its scratch file (deferred-build-in-thread.ts), given the deferrable
 * read models, all deferred: it records no version (the desk does when it takes them, adoptBuilt)
 * and locks only the scratch file, never the desk's attached one (ownTransaction).
 */
export type ProjectionSetRole = 'desk' | 'deferred-build';

/** What a deferred build asks of a log that may still grow (the desk pulls it meanwhile). */
export type LogAhead = 'more' | 'whole' | 'stop';

export interface PositionedRow {
  readonly position: number;
  readonly envelope: EventEnvelope;
  /** An event this build could not apply: projected as an unknown one. */
  readonly unreadable?: boolean;
}

/**
 * Creates missing read-model tables, rebuilds those whose version changed, and binds them.
 * `log.readPage` pages through the log by position; `log.readStreamRows` returns one stream's events.
 */
export const openProjectionSet = (
  db: WritableDb,
  registry: StreamRegistry,
  projections: readonly Projection[],
  log: ProjectionLog,
  /** Progress of the rebuilds done when the set opens (a read model whose version changed). */
  onRebuildProgress?: (name: string, done: number, total: number) => void,
  role: ProjectionSetRole = 'desk',
): ProjectionSet => {
  const names = new Set<string>();
  for (const projection of projections) {
    if (names.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
    names.add(projection.name);
  }
  // A deferred build's connection writes only its scratch file, with the desk's attached for reading.
  const inTransaction = <T>(fn: () => T): T => (role === 'desk' ? writeTransaction(db, fn) : ownTransaction(db, fn));
  const storedVersion = db.prepare<[string], { version: number }>('SELECT version FROM projection_state WHERE name = ?');
  const setVersion = db.prepare<[string, number]>(
    'INSERT INTO projection_state (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version',
  );

  const bound = new Map<Projection, BoundProjection>();
  /** Bound projections that are shown conflict events. */
  const conflictAware = new Set<BoundProjection>();
  /** Every bound projection, in the order they see each event. */
  const all: BoundProjection[] = [];

  // Projections may remember rows between batches (projection.ts): another connection's commit
  // (a second writer in a test, a tool) makes that memory stale, and SQLite says when that happened.
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seenDataVersion = dataVersion.get();
  const discard = (targets: readonly BoundProjection[]): void => {
    for (const target of targets) target.discard?.();
  };

  /**
   * An event as the projections see it, built as one object: spreading registry.read's answer
   * into a new one with the position cost 3–5 µs an event more (a rebuild is a million of them).
   */
  const projected = (row: PositionedRow): ProjectedEvent => {
    if (row.unreadable) return { known: false, envelope: row.envelope, position: row.position };
    const read = registry.read(row.envelope);
    return read.known
      ? { known: true, envelope: read.envelope, event: read.event, position: row.position }
      : { known: false, envelope: read.envelope, position: row.position };
  };

  /** Applies a batch of events and flushes what the projections kept back (unless `flush` is false); on failure they forget it. */
  const project = (targets: readonly BoundProjection[], rows: readonly PositionedRow[], flush = true): void => {
    const now = dataVersion.get();
    if (now !== seenDataVersion) {
      seenDataVersion = now;
      discard(all);
    }
    try {
      for (const row of rows) {
        const read = projected(row);
        const conflictEvent = read.known && isConflictEventType(read.event.type);
        for (const target of targets) if (!conflictEvent || conflictAware.has(target)) target.apply(read);
      }
      if (flush) for (const target of targets) target.flush?.();
    } catch (error) {
      discard(targets);
      throw error;
    }
  };

  /**
   * Applies `rows` to `targets` in a savepoint, flushed; when a read model cannot apply one of them
   * (another build's data this one misreads), again one at a time, and the one that fails is kept as
   * unreadable: marked in the log and seen as unknown, so one bad event never stops the desk — be it
   * pulled (applyPulled), replayed by a rebuild or by a joining desk's deferred build, which meet
   * events no read model of theirs has seen yet. Answers the streams of the events kept.
   */
  const applyCarefully = (targets: readonly BoundProjection[], rows: readonly PositionedRow[]): Set<string> => {
    const kept = new Set<string>();
    try {
      inTransaction(() => project(targets, rows));
      return kept;
    } catch {
      // one at a time below
    }
    for (const row of rows) {
      try {
        inTransaction(() => project(targets, [row]));
      } catch (error) {
        const { envelope } = row;
        console.warn(`desk: event ${envelope.eventId} (${envelope.type} on ${envelope.streamId}) cannot be applied here; kept as unreadable`, error);
        log.markUnreadable(row.position);
        project(targets, [{ ...row, unreadable: true }]);
        kept.add(envelope.streamId);
      }
    }
    return kept;
  };

  /**
   * A replay kept events as unreadable that the read models it did not replay (`others`) saw as
   * known: their streams are projected again for those, as a rebuild would show them.
   */
  const reprojectKept = (others: readonly BoundProjection[], kept: ReadonlySet<string>): void => {
    if (others.length === 0) return;
    for (const streamId of kept) {
      for (const target of others) target.resetStream(streamId);
      project(others, log.readStreamRows(streamId));
    }
  };

  /** The bound read models that follow the log but are not `targets`. */
  const othersThan = (targets: readonly BoundProjection[]): readonly BoundProjection[] => following.filter((target) => !targets.includes(target));

  /**
   * Runs a replay pass (`careful` false), and when it fails, the pass again with `careful` true: a
   * read model could not apply some event, and the failed pass rolled back whole (its transaction)
   * with nothing kept back (project discards on failure).
   */
  const orCarefully = <T>(pass: (careful: boolean) => T): T => {
    try {
      return pass(false);
    } catch {
      return pass(true);
    }
  };

  const cacheSize = db.prepare<[], number>('PRAGMA cache_size').pluck();
  /** A table's columns as its DDL made them, in order, generated ones too (`hidden`). */
  const columnsIn = db.prepare<[string, string], TableColumn>('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, ?)');

  const replayAll = (targets: readonly Projection[], onProgress?: RebuildProgress): void => {
    if (targets.length === 0) return;
    const cache = cacheSize.get() ?? -2000;
    db.pragma(`cache_size = ${Math.min(cache, -REBUILD_CACHE_KIB)}`);
    try {
      orCarefully((careful) => replayInTransaction(targets, careful, onProgress));
    } finally {
      db.pragma(`cache_size = ${cache}`);
    }
  };

  /** `careful`: each page applied by itself (applyCarefully), an event no read model can apply kept as unreadable. */
  const replayInTransaction = (targets: readonly Projection[], careful: boolean, onProgress?: RebuildProgress): void => {
    inTransaction(() => {
      const boundTargets = targets.map((projection) => bound.get(projection) as BoundProjection);
      discard(boundTargets);
      for (const projection of targets) {
        for (const table of projection.tables) db.exec(`DELETE FROM "${table}"`);
      }
      const only = filterFor(targets);
      const total = onProgress ? log.countLive(only) : 0;
      const kept = new Set<string>();
      let done = 0;
      let after = 0;
      let unflushed = 0;
      onProgress?.(0, total);
      for (;;) {
        const page = log.readPage(after, REBUILD_PAGE, only);
        if (careful) for (const streamId of applyCarefully(boundTargets, page)) kept.add(streamId);
        else {
          unflushed += page.length;
          const flush = page.length < REBUILD_PAGE || unflushed >= REBUILD_FLUSH;
          if (flush) unflushed = 0;
          project(boundTargets, page, flush);
        }
        if (page.length === 0) break;
        after = (page[page.length - 1] as PositionedRow).position;
        done += page.length;
        onProgress?.(done, total);
      }
      reprojectKept(othersThan(boundTargets), kept);
    });
  };

  /** Deferred read models (defer) and the bound projections that follow the log meanwhile. */
  const deferred = new Set<Projection>();
  let following: readonly BoundProjection[] = all;
  const setDeferred = (targets: readonly Projection[]): void => {
    deferred.clear();
    for (const projection of targets) deferred.add(projection);
    following = projections.filter((projection) => !deferred.has(projection)).map((projection) => bound.get(projection) as BoundProjection);
  };
  const markCurrent = (targets: readonly Projection[]): void => {
    for (const projection of targets) setVersion.run(projection.name, projection.version);
  };

  // Recreating a changed read model, replaying the log into it and recording its new version are
  // one transaction: a crash half-way leaves the old version recorded, so the next start rebuilds
  // again instead of trusting an empty table.
  const stale = inTransaction(() => {
    const changed = role === 'desk' ? projections.filter((projection) => storedVersion.get(projection.name)?.version !== projection.version) : [];
    for (const projection of changed) {
      for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS "${table}"`);
      db.exec(projection.schema);
    }
    for (const projection of projections) {
      const target = projection.bind(db);
      bound.set(projection, target);
      all.push(target);
      if (projection.seesConflictEvents) conflictAware.add(target);
    }
    const names = changed.map((projection) => projection.name).join(', ');
    replayAll(changed, onRebuildProgress && ((done, total) => onRebuildProgress(names, done, total)));
    for (const projection of changed) setVersion.run(projection.name, projection.version);
    return changed;
  });
  if (role === 'deferred-build') setDeferred(projections.filter((projection) => projection.deferrable === true));

  const resetStream = (streamId: string): void => {
    for (const target of following) target.resetStream(streamId);
  };

  const buildDeferred: ProjectionSet['buildDeferred'] = async ({ between, onProgress, slice = DEFERRED_BUILD_SLICE, logAhead }) => {
    const targets = projections.filter((projection) => deferred.has(projection));
    if (targets.length === 0) return true;
    const boundTargets = targets.map((projection) => bound.get(projection) as BoundProjection);
    const only = filterFor(targets);
    const pageLength = Math.max(1, Math.min(REBUILD_PAGE, slice));
    let total = 0;
    // A slice run again carefully (orCarefully) counts its first pages again: shown once, never back.
    let shown = -1;
    const tell = (done: number, of: number): void => {
      if (done <= shown) return;
      shown = done;
      onProgress?.(done, of);
    };
    /**
     * One slice, its own transaction, from `at`; answers where it ended and whether the build did.
     * At the end of a log not yet `whole`, the slice ends there (`atEnd`) instead of finishing.
     */
    const buildSlice = (at: { readonly after: number; readonly done: number }, first: boolean, careful: boolean, whole: boolean) =>
      inTransaction(() => {
        let { after, done } = at;
        if (first) {
          discard(boundTargets);
          for (const projection of targets) for (const table of projection.tables) db.exec(`DELETE FROM "${table}"`);
          total = onProgress ? log.countLive(only) : 0;
          tell(0, total);
        }
        const kept = new Set<string>();
        for (let inSlice = 0; ; ) {
          const page = log.readPage(after, pageLength, only);
          inSlice += page.length;
          const end = page.length === 0;
          if (careful) for (const streamId of applyCarefully(boundTargets, page)) kept.add(streamId);
          else project(boundTargets, page, page.length < pageLength || inSlice >= slice);
          if (end) {
            reprojectKept(following, kept);
            if (!whole) return { after, done, finished: false, atEnd: true };
            // A build thread's set leaves that to the desk's (adoptBuilt), which copies them in.
            if (role === 'desk') markCurrent(targets);
            return { after, done, finished: true, atEnd: true };
          }
          after = (page[page.length - 1] as PositionedRow).position;
          done += page.length;
          tell(done, Math.max(total, done));
          if (inSlice >= slice) {
            reprojectKept(following, kept);
            return { after, done, finished: false, atEnd: false };
          }
        }
      });
    const cache = cacheSize.get() ?? -2000;
    db.pragma(`cache_size = ${Math.min(cache, -REBUILD_CACHE_KIB)}`);
    try {
      let at = { after: 0, done: 0 };
      let whole = logAhead === undefined;
      for (let first = true; ; first = false) {
        const from = at;
        const ended = orCarefully((careful) => buildSlice(from, first, careful, whole));
        if (ended.finished) {
          setDeferred([]);
          return true;
        }
        at = ended;
        if (ended.atEnd && logAhead) {
          const ahead = await logAhead();
          if (ahead === 'stop') return false;
          if (ahead === 'whole') {
            whole = true;
            // The log's length is known now: the progress counts towards it.
            if (onProgress) total = log.countLive(only);
          }
        } else if (!(await between())) return false;
      }
    } finally {
      db.pragma(`cache_size = ${cache}`);
    }
  };

  return {
    apply: (rows) => project(following, rows),
    applyKeepingUnreadable: (rows) => applyCarefully(following, rows),
    rebuildAll: (onProgress) => {
      replayAll(projections, onProgress);
      if (deferred.size === 0) return;
      // Rebuilt: whatever was deferred follows the log again.
      inTransaction(() => markCurrent([...deferred]));
      setDeferred([]);
    },
    resetStream,
    reprojectStream: (streamId) => {
      resetStream(streamId);
      project(following, log.readStreamRows(streamId));
    },
    rebuiltOnOpen: stale.map((projection) => projection.name),
    defer: () =>
      inTransaction(() => {
        const targets = projections.filter((projection) => projection.deferrable === true);
        for (const projection of targets) setVersion.run(projection.name, DEFERRED_VERSION);
        setDeferred(targets);
        return targets.map((projection) => projection.name);
      }),
    deferred: () => [...deferred].map((projection) => projection.name),
    buildDeferred,
    adoptBuilt: (file, built) => {
      const targets = [...deferred];
      const cache = cacheSize.get() ?? -2000;
      const checkpointEvery = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      db.prepare('ATTACH DATABASE ? AS built').run(file);
      try {
        // one transaction writes every deferred read model, as a rebuild does: the rebuild's page cache
        db.pragma(`main.cache_size = ${Math.min(cache, -REBUILD_CACHE_KIB)}`);
        db.pragma('wal_autocheckpoint = 0');
        inTransaction(() => {
          for (const position of built.unreadable) log.markUnreadable(position);
          for (const projection of targets) {
            for (const table of projection.tables) {
              db.exec(`DELETE FROM main."${table}"`);
              db.exec(builtTableCopySql(table, columnsIn.all(table, 'main'), columnsIn.all(table, 'built')));
            }
          }
          // Events stored after the thread's last read: none on a joining desk, which takes no
          // command and pulls nothing meanwhile, but the copy must never be behind the log.
          const kept = new Set(built.kept);
          const boundTargets = targets.map((projection) => bound.get(projection) as BoundProjection);
          discard(boundTargets);
          for (let after = built.through; ; ) {
            const page = log.readPage(after, REBUILD_PAGE, filterFor(targets));
            if (page.length === 0) break;
            for (const streamId of applyCarefully(boundTargets, page)) kept.add(streamId);
            after = (page[page.length - 1] as PositionedRow).position;
          }
          reprojectKept(following, kept);
          markCurrent(targets);
        });
      } finally {
        db.pragma(`wal_autocheckpoint = ${checkpointEvery}`);
        db.pragma(`main.cache_size = ${cache}`);
        db.exec('DETACH DATABASE built');
      }
      discard(all);
      setDeferred([]);
    },
  };
};
