import type { EventSummaries } from '../event-summary.js';
import type { ClinicEvent } from './events.js';

/** The audit trail's sentence for each clinic event. */
export const clinicEventSummaries: EventSummaries<ClinicEvent> = {
  ClinicConfigured: (d) => `Clinic settings: ${d.name}, ${d.timeZone}`,
};
