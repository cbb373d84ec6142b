import type { EventSummaries } from '../event-summary.js';
import type { StaffEvent } from './events.js';

/** The audit trail's sentence for each staff event. */
export const staffEventSummaries: EventSummaries<StaffEvent> = {
  StaffRegistered: (d) => `Staff member registered as ${d.role}`,
  StaffRoleChanged: (d) => `Staff role changed to ${d.role}`,
  StaffPinChanged: () => 'Staff PIN changed',
  StaffDeactivated: () => 'Staff member deactivated',
  StaffRestoredAsManager: (d) => `Staff member restored as an active manager by this desk's machine: ${d.reason}`,
};
