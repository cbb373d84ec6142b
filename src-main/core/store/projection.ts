import type { ReadEvent } from '../../../shared/eventsourcing/index.js';
import type { WritableDb } from '../../../src-node/sqlite/database.js';

/** An event as a projection sees it: upcast where this build can, with its local position. */
export type ProjectedEvent = ReadEvent & { readonly position: number };

/** A projection bound to the writable connection, with its statements prepared once. */
export interface BoundProjection {
  /** Called inside the transaction that stores the event. */
  readonly apply: (event: ProjectedEvent) => void;
  /** Removes every row derived from one stream, so the stream can be re-projected (rebase). */
  readonly resetStream: (streamId: string) => void;
  /**
   * Writes what `apply` kept back, still inside the transaction. The projection set calls it
   * after each batch it applies (one command's events, a pulled page, a page of a rebuild), so a
   * row touched by many events of a batch is written once.
   */
  readonly flush?: () => void;
  /**
   * Forgets whatever the projection remembers between batches (cached rows, writes kept back):
   * called when a batch failed, when another connection changed the database, and before a rebuild.
   */
  readonly discard?: () => void;
}

/**
 * An inline read model. Its tables are derived data: instead of migrations, a change of
 * `version` drops and recreates them and rebuilds them from the log when the store opens.
 * Rows must be derivable from their own stream alone (anything across streams is joined at
 * query time), which is what makes reset + re-project of one stream equal a full rebuild.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** Tables this projection owns, dropped on a version change and emptied on a rebuild. */
  readonly tables: readonly string[];
  /**
   * DDL creating the tables and their indexes. A rebuild keeps the indexes and fills them as
   * commands do: an index created at the end of a rebuild would be packed full, and every first
   * write into each of its pages afterwards would split it (and its parents), for months.
   */
  readonly schema: string;
  /**
   * The stream types whose events it reads (and, if it sees them, the kernel's conflict events of
   * any stream): a rebuild of it alone then reads only those. Absent: every event.
   */
  readonly streamTypes?: readonly string[];
  readonly bind: (db: WritableDb) => BoundProjection;
  /**
   * Whether it is shown the kernel's conflict events (CommandConflicted, ConflictResolved), which
   * belong to every stream type. Domain read models are not: those events change no domain state.
   */
  readonly seesConflictEvents?: boolean;
  /**
   * Whether a joining desk may build it once at the end of its first long catch-up instead of
   * page by page (ProjectionSet.defer). Not the read models signing in and the desk's shell need
   * (staff, clinic settings): those follow every page.
   */
  readonly deferrable?: boolean;
}
