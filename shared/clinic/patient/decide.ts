/**
 * The rules of a patient record (docs/architecture.md, "Clinic domain"). Rules across records (one person registered twice)
 * cannot be enforced offline; read models suggest merges instead. A merge is sent to the stream
 * of the record that disappears, and the survivor is always the older UUIDv7, so two desks that
 * merge the same pair offline agree on the survivor.
 */
import { DomainError } from '../../eventsourcing/index.js';
import { ClinicErrorCode } from '../error-codes.js';
import { withoutUndefined } from '../without-undefined.js';
import type { PatientCommand } from './commands.js';
import type { PatientEvent } from './events.js';
import type { PatientDetails, PatientState } from './state.js';

const fail = (code: ClinicErrorCode, message: string): never => {
  throw new DomainError(code, message);
};

/** A record that can still change: registered, not merged away. */
const requireActive = (state: PatientState): PatientDetails => {
  if (state.status === 'none') return fail(ClinicErrorCode.PATIENT_NOT_FOUND, 'There is no such patient');
  if (state.status === 'merged') {
    return fail(ClinicErrorCode.PATIENT_MERGED, `This record was merged into ${state.mergedInto}; use that record`);
  }
  return state;
};

export const decidePatient = (state: PatientState, command: PatientCommand): PatientEvent[] => {
  switch (command.type) {
    case 'RegisterPatient': {
      if (state.status !== 'none') fail(ClinicErrorCode.PATIENT_EXISTS, 'This patient record already exists');
      const { name, phone, chartNumber, birthDate } = command.payload;
      return [{ type: 'PatientRegistered', data: withoutUndefined({ name, phone, chartNumber, birthDate }) }];
    }
    case 'UpdatePatientContact': {
      const current = requireActive(state);
      const { name, phone } = command.payload;
      const changed = withoutUndefined({
        name: name !== undefined && name !== current.name ? name : undefined,
        phone: phone !== undefined && phone !== current.phone ? phone : undefined,
      });
      if (Object.keys(changed).length === 0) fail(ClinicErrorCode.NOTHING_CHANGED, 'The name and phone are already these');
      return [{ type: 'PatientContactUpdated', data: changed }];
    }
    case 'MergePatients': {
      requireActive(state);
      // UUIDv7s sort by creation time as lower-case strings.
      const into = command.payload.into.toLowerCase();
      const self = command.streamId.toLowerCase();
      if (into === self) fail(ClinicErrorCode.MERGE_INTO_SELF, 'A patient cannot be merged into itself');
      if (!(into < self)) {
        fail(ClinicErrorCode.MERGE_TARGET_NOT_OLDER, 'The older record survives a merge: merge the newer record into the older one');
      }
      return [{ type: 'PatientMerged', data: { into: command.payload.into } }];
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled patient command ${JSON.stringify(unreachable)}`);
    }
  }
};
