import type { ClinicEvent } from './events.js';
import type { ClinicState } from './state.js';

/** Each ClinicConfigured replaces the settings as a whole. */
export const evolveClinic = (_state: ClinicState, event: ClinicEvent): ClinicState => {
  switch (event.type) {
    case 'ClinicConfigured':
      return { configured: true, name: event.data.name, timeZone: event.data.timeZone, hours: event.data.hours };
    default: {
      const unreachable: never = event.type;
      throw new Error(`Unhandled clinic event ${JSON.stringify(unreachable)}`);
    }
  }
};
