import { createStreamRegistry, type AnyStreamDefinition, type ConflictEvent, type DomainEvent, type StreamRegistry } from '../eventsourcing/index.js';
import { clinicCommandSpecs, clinicStream, type ClinicEvent } from './clinic/index.js';
import { clinicEventSummaries } from './clinic/summaries.js';
import { conflictEventSummaries } from './conflict-summaries.js';
import type { EventSummaries } from './event-summary.js';
import { patientCommandSpecs, patientStream, type PatientEvent } from './patient/index.js';
import { patientEventSummaries } from './patient/summaries.js';
import type { ClinicCommandName } from './permissions.js';
import type { ClinicCommandSpec } from './command-spec.js';
import { staffCommandSpecs, staffStream, type StaffEvent } from './staff/index.js';
import { staffEventSummaries } from './staff/summaries.js';
import { visitCommandSpecs, visitStream, type VisitEvent } from './visit/index.js';
import { visitEventSummaries } from './visit/summaries.js';

/** The four stream types of the clinic domain. */
export const clinicStreams: readonly AnyStreamDefinition[] = [visitStream, patientStream, staffStream, clinicStream];

/** Routes every clinic command and knows every clinic event; built once, checked whole at start. */
export const clinicRegistry: StreamRegistry = createStreamRegistry(clinicStreams);

const commandSpecs: { readonly [T in ClinicCommandName]: ClinicCommandSpec } = {
  ...visitCommandSpecs,
  ...patientCommandSpecs,
  ...staffCommandSpecs,
  ...clinicCommandSpecs,
};

/** What its aggregate declares beside a command: its kind, whether it opens a stream, the streams it names. */
export const clinicCommandSpec = (type: ClinicCommandName): ClinicCommandSpec => commandSpecs[type];

const eventSummaries: EventSummaries<VisitEvent | PatientEvent | StaffEvent | ClinicEvent | ConflictEvent> = {
  ...visitEventSummaries,
  ...patientEventSummaries,
  ...staffEventSummaries,
  ...clinicEventSummaries,
  ...conflictEventSummaries,
};
const summaryOf: Readonly<Record<string, ((data: never) => string) | undefined>> = eventSummaries;

/**
 * The audit trail's sentence for an event this build reads (its data as its type says). Should
 * the data not be what the type says (an event from a faulty desk), the event's type stands in:
 * an audit trail never has holes.
 */
export const summarizeClinicEvent = (event: DomainEvent): string => {
  const summary = Object.hasOwn(summaryOf, event.type) ? summaryOf[event.type] : undefined;
  if (!summary) return event.type;
  try {
    return summary(event.data as never);
  } catch {
    return event.type;
  }
};
