import { createStreamRegistry, type AnyStreamDefinition, type StreamRegistry } from '../eventsourcing/index.js';
import { clinicStream } from './clinic/index.js';
import { patientStream } from './patient/index.js';
import { staffStream } from './staff/index.js';
import { visitStream } from './visit/index.js';

/** The four stream types of the clinic domain. */
export const clinicStreams: readonly AnyStreamDefinition[] = [visitStream, patientStream, staffStream, clinicStream];

/** Routes every clinic command and knows every clinic event; built once, checked whole at start. */
export const clinicRegistry: StreamRegistry = createStreamRegistry(clinicStreams);
