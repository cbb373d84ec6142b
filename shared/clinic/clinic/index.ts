import type { Decider, StreamDefinition } from '../../eventsourcing/index.js';
import { clinicCommandSpecs, type ClinicCommand } from './commands.js';
import { decideClinic } from './decide.js';
import type { ClinicEvent } from './events.js';
import { evolveClinic } from './evolve.js';
import { initialClinicState, type ClinicState } from './state.js';

export const clinicDecider: Decider<ClinicState, ClinicCommand, ClinicEvent> = {
  initialState: initialClinicState,
  decide: decideClinic,
  evolve: evolveClinic,
};

/**
 * The clinic stream: the settings of the one clinic (docs/architecture.md, "Clinic domain"). ConfigureClinic is an intent and
 * does not start a stream of its own: it always names CLINIC_STREAM_ID.
 */
export const clinicStream: StreamDefinition<ClinicState, ClinicCommand, ClinicEvent> = {
  streamType: 'clinic',
  decider: clinicDecider,
  commands: clinicCommandSpecs,
  events: { ClinicConfigured: 1 },
};

export { initialClinicState } from './state.js';
export type { ClinicState } from './state.js';
export { decideClinic } from './decide.js';
export { evolveClinic } from './evolve.js';
export * from './commands.js';
export * from './events.js';
