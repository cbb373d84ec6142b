/**
 * The rules of a staff member (docs/architecture.md, "Clinic domain"). Permissions (only a manager changes staff) are checked
 * by DeskCore before execute; a PIN arrives already hashed. A deactivated member stays on record
 * (the audit trail names them) and changes no more.
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
      return [{ type: 'StaffRoleChanged', data: { role: command.payload.role } }];
    }
    case 'ChangeStaffPin':
      requireActive(state);
      return [{ type: 'StaffPinChanged', data: { pinHash: command.payload.pinHash } }];
    case 'DeactivateStaff':
      requireActive(state);
      return [{ type: 'StaffDeactivated', data: withoutUndefined({ reason: command.payload.reason }) }];
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled staff command ${JSON.stringify(unreachable)}`);
    }
  }
};
