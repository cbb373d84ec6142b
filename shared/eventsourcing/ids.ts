import type { DerivedIdPurpose } from './conflicts.js';

/** Where new ids come from. The desk injects UUIDv7; tests inject a deterministic sequence. */
export interface IdSource {
  readonly newId: () => string;
  /**
   * The same id for the same (purpose, seed) on every desk and every run: a conflict and its
   * resolution are derived from the original commandId, so each happens once however often a
   * rebase or a person repeats it.
   */
  readonly derive: (purpose: DerivedIdPurpose, seed: string) => string;
}
