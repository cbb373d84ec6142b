import { v7 } from 'uuid';
import type { IdSource } from '../../shared/eventsourcing/index.js';

/** UUIDv7: time-ordered, so ids sort by creation and index well. */
export const uuidV7: IdSource = { newId: () => v7() };
