/**
 * The clinic's settings: one stream per tenant, CLINIC_STREAM_ID. Configuring again is normal
 * (new hours, a new name) and each time is a new ClinicConfigured with the whole settings.
 */
import { DomainError } from '../../eventsourcing/index.js';
import { ClinicErrorCode } from '../error-codes.js';
import { CLINIC_STREAM_ID, DEFAULT_TIME_ZONE, type ClinicCommand } from './commands.js';
import type { ClinicEvent } from './events.js';
import type { ClinicState } from './state.js';

export const decideClinic = (_state: ClinicState, command: ClinicCommand): ClinicEvent[] => {
  switch (command.type) {
    case 'ConfigureClinic': {
      if (command.streamId !== CLINIC_STREAM_ID) {
        throw new DomainError(
          ClinicErrorCode.WRONG_CLINIC_STREAM,
          `Clinic settings live on the stream "${CLINIC_STREAM_ID}", not "${command.streamId}"`,
        );
      }
      const { name, timeZone, hours } = command.payload;
      // The schema fills the defaults; a command built without it (a test, an old log row) gets them too.
      return [{ type: 'ClinicConfigured', data: { name, timeZone: timeZone ?? DEFAULT_TIME_ZONE, hours: hours ?? {} } }];
    }
    default: {
      const unreachable: never = command.type;
      throw new Error(`Unhandled clinic command ${JSON.stringify(unreachable)}`);
    }
  }
};
