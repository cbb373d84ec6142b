import type { PatientEvent } from './events.js';
import type { PatientState } from './state.js';

/** Folds a patient event; facts about a record that does not exist change nothing. */
export const evolvePatient = (state: PatientState, event: PatientEvent): PatientState => {
  switch (event.type) {
    case 'PatientRegistered':
      return {
        status: 'registered',
        name: event.data.name,
        phone: event.data.phone,
        chartNumber: event.data.chartNumber,
        birthDate: event.data.birthDate ?? null,
      };
    case 'PatientContactUpdated':
      if (state.status === 'none') return state;
      return { ...state, name: event.data.name ?? state.name, phone: event.data.phone ?? state.phone };
    case 'PatientMerged':
      if (state.status === 'none') return state;
      return { ...state, status: 'merged', mergedInto: event.data.into };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled patient event ${JSON.stringify(unreachable)}`);
    }
  }
};
