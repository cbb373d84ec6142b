import type { ConflictEvent } from '../eventsourcing/index.js';
import type { EventSummaries } from './event-summary.js';

/** The audit trail's sentence for the kernel's conflict events, which any clinic stream may hold. */
export const conflictEventSummaries: EventSummaries<ConflictEvent> = {
  CommandConflicted: (d) => `Conflict: ${d.command.type} no longer held after sync (${d.error.code})`,
  ConflictResolved: (d) => (d.action === 'retry' ? `Conflict resolved: ${d.commandType} retried` : `Conflict dismissed: ${d.reason}`),
};
