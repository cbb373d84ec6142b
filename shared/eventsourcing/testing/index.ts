export * from './given-when-then.js';
export * from './in-memory-event-store.js';
export * from './sequential-ids.js';
