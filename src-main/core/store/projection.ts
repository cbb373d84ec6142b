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
  /** DDL creating the tables and their indexes. */
  readonly schema: string;
  readonly bind: (db: WritableDb) => BoundProjection;
  /**
   * Whether it is shown the kernel's conflict events (CommandConflicted, ConflictResolved), which
   * belong to every stream type. Domain read models are not: those events change no domain state.
   */
  readonly seesConflictEvents?: boolean;
}
