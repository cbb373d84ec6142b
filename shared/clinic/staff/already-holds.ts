import type { StaffCommand } from './commands.js';
import type { StaffState } from './state.js';

/** For a staff intent a rebase finds no longer holds: whether another desk already did the same. */
export const staffIntentAlreadyHolds = (state: StaffState, command: StaffCommand): boolean => {
  switch (command.type) {
    case 'ChangeStaffRole':
      return state.status === 'active' && state.role === command.payload.role;
    case 'DeactivateStaff':
      return state.status === 'deactivated';
    case 'RestoreManager':
      return state.status === 'active' && state.role === 'manager';
    default:
      return false;
  }
};
