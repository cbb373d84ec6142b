import type { StaffEvent } from './events.js';
import type { StaffState } from './state.js';

/** Folds a staff event; facts about a staff member who does not exist change nothing. */
export const evolveStaff = (state: StaffState, event: StaffEvent): StaffState => {
  switch (event.type) {
    case 'StaffRegistered':
      return { status: 'active', active: true, name: event.data.name, role: event.data.role, pinHash: event.data.pinHash };
    case 'StaffRoleChanged':
      return state.status === 'none' ? state : { ...state, role: event.data.role };
    case 'StaffPinChanged':
      return state.status === 'none' ? state : { ...state, pinHash: event.data.pinHash };
    case 'StaffDeactivated':
      if (state.status === 'none') return state;
      return {
        status: 'deactivated',
        active: false,
        name: state.name,
        role: state.role,
        pinHash: state.pinHash,
        deactivationReason: event.data.reason ?? null,
      };
    case 'StaffRestoredAsManager':
      if (state.status === 'none') return state;
      return { status: 'active', active: true, name: state.name, role: 'manager', pinHash: state.pinHash };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled staff event ${JSON.stringify(unreachable)}`);
    }
  }
};
