import type { VisitCommand } from './commands.js';
import type { VisitState } from './state.js';

const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

/**
 * For a visit intent that a rebase finds no longer holds: whether its effect is already there
 * (another desk did the same thing first), so it is done with no events, not a conflict.
 */
export const visitIntentAlreadyHolds = (state: VisitState, command: VisitCommand): boolean => {
  switch (command.type) {
    case 'CancelReservation':
      return state.status === 'canceled';
    case 'MarkNoShow':
      return state.status === 'no-show';
    case 'Reschedule': {
      const { reservation } = state;
      const doctor = command.payload.doctorId ?? state.doctorId;
      return (
        reservation !== null &&
        sameInstant(reservation.startAt, command.payload.startAt) &&
        sameInstant(reservation.endAt, command.payload.endAt) &&
        doctor === state.doctorId
      );
    }
    case 'AssignDoctor':
      return state.doctorId === command.payload.doctorId;
    default:
      return false;
  }
};
