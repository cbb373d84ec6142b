import type { IdSource } from '../ids.js';

/** Deterministic ids for tests: `<prefix>-0001`, `<prefix>-0002`, … */
export const sequentialIds = (prefix = 'id'): IdSource => {
  let next = 0;
  return { newId: () => `${prefix}-${String(++next).padStart(4, '0')}` };
};
