/**
 * Whether a pull defers the desk's read models (ProjectionSet.defer): a new desk joining a clinic
 * whose HQ holds a long history pulls the whole log first and builds its read models once at the
 * end, in one pass, instead of writing them page by page (the pages' scattered index writes are
 * what make a long catch-up slow). A desk that has decided anything keeps the inline path: a
 * restored backup, a desk back from an outage, a desk with pending events. One restarted half-way
 * through joining (it never reached HQ's head and decided nothing) defers again: its lists were
 * rebuilt from part of the history when it opened, and it must not take a command on that.
 */

/** HQ's head at least this far ahead of an empty desk defers its read models (an option: SyncTiming.deferReadModelsFrom). */
export const DEFER_READ_MODELS_FROM = 20_000;

export interface CatchUpStart {
  /** The desk has decided a command (its command log is not empty). */
  readonly decidedHere: boolean;
  /** The desk's pulls reached HQ's head once (it has had the whole history). */
  readonly firstPullDone: boolean;
  readonly pending: number;
  /** A restored backup's full-pull flag. */
  readonly needsFullPull: boolean;
  /** HQ's position this desk has pulled through. */
  readonly checkpoint: number;
  /** HQ's head, from the pull's answer. */
  readonly head: number;
  readonly threshold: number;
}

export const shouldDeferReadModels = (start: CatchUpStart): boolean =>
  !start.decidedHere && !start.firstPullDone && start.pending === 0 && !start.needsFullPull && start.head - start.checkpoint >= start.threshold;
