import { patientIntentAlreadyHolds } from './already-holds.js';
import type { Decider, StreamDefinition } from '../../eventsourcing/index.js';
import { patientCommandSpecs, type PatientCommand } from './commands.js';
import { decidePatient } from './decide.js';
import type { PatientEvent } from './events.js';
import { evolvePatient } from './evolve.js';
import { initialPatientState, type PatientState } from './state.js';

export const patientDecider: Decider<PatientState, PatientCommand, PatientEvent> = {
  initialState: initialPatientState,
  decide: decidePatient,
  evolve: evolvePatient,
};

/** The patient stream: one patient record. */
export const patientStream: StreamDefinition<PatientState, PatientCommand, PatientEvent> = {
  streamType: 'patient',
  decider: patientDecider,
  commands: patientCommandSpecs,
  events: { PatientRegistered: 1, PatientContactUpdated: 1, PatientMerged: 1 },
  alreadyHolds: patientIntentAlreadyHolds,
};

export { initialPatientState } from './state.js';
export type { PatientDetails, PatientState, PatientStatus } from './state.js';
export { decidePatient } from './decide.js';
export { evolvePatient } from './evolve.js';
export * from './commands.js';
export * from './events.js';
