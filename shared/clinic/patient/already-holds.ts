import type { PatientCommand } from './commands.js';
import type { PatientState } from './state.js';

/** For a patient intent a rebase finds no longer holds: whether another desk already did the same. */
export const patientIntentAlreadyHolds = (state: PatientState, command: PatientCommand): boolean => {
  switch (command.type) {
    case 'UpdatePatientContact':
      return (
        state.status === 'registered' &&
        (command.payload.name === undefined || command.payload.name === state.name) &&
        (command.payload.phone === undefined || command.payload.phone === state.phone)
      );
    case 'MergePatients':
      return state.status === 'merged' && state.mergedInto === command.payload.into;
    default:
      return false;
  }
};
