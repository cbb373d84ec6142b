import { isConflictEventType, type EventEnvelope, type StreamRegistry } from '../../../shared/eventsourcing/index.js';
import type { BoundProjection, Projection } from './projection.js';
import { writeTransaction, type WritableDb } from '../../../src-node/sqlite/database.js';

const REBUILD_PAGE = 2_000;

export interface ProjectionSet {
  /** Projects freshly stored events; the caller's transaction holds them. */
  readonly apply: (events: readonly PositionedRow[]) => void;
  /** Empties every read model and replays the whole log, in one transaction. */
  readonly rebuildAll: () => void;
  /** Removes one stream's rows and replays its events (rebase). Caller holds the transaction. */
  readonly reprojectStream: (streamId: string) => void;
  readonly resetStream: (streamId: string) => void;
  /** Names of projections rebuilt when the store opened (new or changed version). */
  readonly rebuiltOnOpen: readonly string[];
}

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
  log: {
    readonly readPage: (afterPosition: number, limit: number) => readonly PositionedRow[];
    readonly readStreamRows: (streamId: string) => readonly PositionedRow[];
  },
): ProjectionSet => {
  const names = new Set<string>();
  for (const projection of projections) {
    if (names.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
    names.add(projection.name);
  }
  const storedVersion = db.prepare<[string], { version: number }>('SELECT version FROM projection_state WHERE name = ?');
  const setVersion = db.prepare<[string, number]>(
    'INSERT INTO projection_state (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version',
  );

  const bound = new Map<Projection, BoundProjection>();
  /** Bound projections that are shown conflict events. */
  const conflictAware = new Set<BoundProjection>();

  const project = (targets: readonly BoundProjection[], rows: readonly PositionedRow[]): void => {
    for (const row of rows) {
      const read = { ...(row.unreadable ? { known: false as const, envelope: row.envelope } : registry.read(row.envelope)), position: row.position };
      const conflictEvent = read.known && isConflictEventType(read.event.type);
      for (const target of targets) if (!conflictEvent || conflictAware.has(target)) target.apply(read);
    }
  };

  const replayAll = (targets: readonly Projection[]): void => {
    if (targets.length === 0) return;
    writeTransaction(db, () => {
      for (const projection of targets) for (const table of projection.tables) db.exec(`DELETE FROM "${table}"`);
      const boundTargets = targets.map((projection) => bound.get(projection) as BoundProjection);
      let after = 0;
      for (;;) {
        const page = log.readPage(after, REBUILD_PAGE);
        if (page.length === 0) break;
        project(boundTargets, page);
        after = (page[page.length - 1] as PositionedRow).position;
      }
    });
  };

  // Recreating a changed read model, replaying the log into it and recording its new version are
  // one transaction: a crash half-way leaves the old version recorded, so the next start rebuilds
  // again instead of trusting an empty table.
  const stale = writeTransaction(db, () => {
    const changed = projections.filter((projection) => storedVersion.get(projection.name)?.version !== projection.version);
    for (const projection of changed) {
      for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS "${table}"`);
      db.exec(projection.schema);
    }
    for (const projection of projections) {
      const target = projection.bind(db);
      bound.set(projection, target);
      if (projection.seesConflictEvents) conflictAware.add(target);
    }
    replayAll(changed);
    for (const projection of changed) setVersion.run(projection.name, projection.version);
    return changed;
  });

  const all = [...bound.values()];

  const resetStream = (streamId: string): void => {
    for (const target of all) target.resetStream(streamId);
  };

  return {
    apply: (rows) => project(all, rows),
    rebuildAll: () => replayAll(projections),
    resetStream,
    reprojectStream: (streamId) => {
      resetStream(streamId);
      project(all, log.readStreamRows(streamId));
    },
    rebuiltOnOpen: stale.map((projection) => projection.name),
  };
};
