/**
 * The rules of a staff member (docs/architecture.md, "Clinic domain"). Permissions (only a manager changes staff) are checked
 * by DeskCore before execute; a PIN arrives already hashed. A deactivated member stays on record
 * (the audit trail names them) and changes no more — unless a desk's machine restores them as the
 * clinic's manager. A clinic keeps an active manager: the only one cannot be demoted or
 * deactivated. One staff stream cannot see the others, so that rule is decided on what the
 * command says (`activeManagers`, counted by the desk that issued it); two offline desks that
 * each remove a different manager both stand, and the desks warn about it.
 */
import { DomainError } from '../../eventsourcing/index.js';
import { ClinicErrorCode } from '../error-codes.js';
import { withoutUndefined } from '../without-undefined.js';
import type { StaffCommand } from './commands.js';
import type { StaffEvent } from './events.js';
import type { StaffDetails, StaffState } from './state.js';

const fail = (code: ClinicErrorCode, message: string): never => {
  throw new DomainError(code, message);
};

const requireActive = (state: StaffState): StaffDetails => {
  if (state.status === 'none') return fail(ClinicErrorCode.STAFF_NOT_FOUND, 'There is no such staff member');
  if (state.status === 'deactivated') return fail(ClinicErrorCode.STAFF_DEACTIVATED, `${state.name} has been deactivated`);
  return state;
};

/** The only active manager stays one: `activeManagers` is how many the issuing desk counted, this member included. */
const keepAManager = (member: StaffDetails, activeManagers: number | undefined, change: string): void => {
  if (member.role === 'manager' && activeManagers !== undefined && activeManagers <= 1) {
    fail(ClinicErrorCode.LAST_ACTIVE_MANAGER, `${member.name} is the clinic's only active manager and cannot be ${change}: make someone else a manager first`);
  }
};

export const decideStaff = (state: StaffState, command: StaffCommand): StaffEvent[] => {
  switch (command.type) {
    case 'RegisterStaff': {
      if (state.status !== 'none') fail(ClinicErrorCode.STAFF_EXISTS, 'This staff member is already registered');
      const { name, role, pinHash } = command.payload;
      return [{ type: 'StaffRegistered', data: { name, role, pinHash } }];
    }
    case 'ChangeStaffRole': {
      const member = requireActive(state);
      if (member.role === command.payload.role) fail(ClinicErrorCode.SAME_ROLE, `${member.name} already has the role ${member.role}`);
      if (command.payload.role !== 'manager') keepAManager(member, command.payload.activeManagers, `made a ${command.payload.role}`);
      return [{ type: 'StaffRoleChanged', data: { role: command.payload.role } }];
    }
    case 'ChangeStaffPin':
      requireActive(state);
      return [{ type: 'StaffPinChanged', data: { pinHash: command.payload.pinHash } }];
    case 'DeactivateStaff':
      keepAManager(requireActive(state), command.payload.activeManagers, 'deactivated');
      return [{ type: 'StaffDeactivated', data: withoutUndefined({ reason: command.payload.reason }) }];
    case 'RestoreManager': {
      if (state.status === 'none') return fail(ClinicErrorCode.STAFF_NOT_FOUND, 'There is no such staff member');
      if (state.status === 'active' && state.role === 'manager') fail(ClinicErrorCode.SAME_ROLE, `${state.name} is an active manager already`);
      return [{ type: 'StaffRestoredAsManager', data: { reason: command.payload.reason } }];
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled staff command ${JSON.stringify(unreachable)}`);
    }
  }
};
