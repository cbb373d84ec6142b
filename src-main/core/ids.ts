import { v5, v7 } from 'uuid';
import type { IdSource } from '../../shared/eventsourcing/index.js';

/** The namespace of clinic-desk's derived ids (a fixed random UUID; never change it). */
const DERIVED_NAMESPACE = '6f1c2b0e-6a4d-4f53-9a57-3c1e0f6d2b91';

/**
 * UUIDv7 for new ids: time-ordered, so ids sort by creation and index well. Derived ids (a
 * conflict from its command, a resolution from its conflict) are UUIDv5 of purpose and seed, so
 * every desk derives the same one.
 */
export const uuidV7: IdSource = {
  newId: () => v7(),
  derive: (purpose, seed) => v5(`${purpose}:${seed}`, DERIVED_NAMESPACE),
};
