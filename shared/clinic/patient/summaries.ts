import type { EventSummaries } from '../event-summary.js';
import type { PatientEvent } from './events.js';

/** The audit trail's sentence for each patient event. */
export const patientEventSummaries: EventSummaries<PatientEvent> = {
  PatientRegistered: (d) => `Patient registered, chart ${d.chartNumber}`,
  PatientContactUpdated: (d) => `Patient contact updated (${Object.keys(d).join(', ')})`,
  PatientMerged: () => 'Patient record merged into an older record',
};
