import type { IdSource } from '../ids.js';

/** Deterministic ids for tests: `<prefix>-0001`, `<prefix>-0002`, …; derived ids name their seed. */
export const sequentialIds = (prefix = 'id'): IdSource => {
  let next = 0;
  return {
    newId: () => `${prefix}-${String(++next).padStart(4, '0')}`,
    derive: (purpose, seed) => `${purpose}:${seed}`,
  };
};
