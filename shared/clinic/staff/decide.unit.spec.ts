import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import { staffCommand } from '../testing/commands.js';
import type { StaffEvent } from './events.js';
import { evolveStaff, initialStaffState, staffDecider } from './index.js';

const spec = deciderSpecification(staffDecider);
const stateOf = (events: StaffEvent[]) => events.reduce(evolveStaff, initialStaffState());

const HASH = 'scrypt$16384:8:1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==';
const NEW_HASH = 'scrypt$16384:8:1$bmV3c2FsdG5ld3NhbHQ=$bmV3aGFzaG5ld2hhc2g=';
const registered: StaffEvent = { type: 'StaffRegistered', data: { name: 'Dr. Lee', role: 'doctor', pinHash: HASH } };
const deactivated: StaffEvent = { type: 'StaffDeactivated', data: { reason: 'left the clinic' } };

describe('staff', () => {
  describe('when there is no staff member', () => {
    it('registers one with a role and a PIN hash', () => {
      spec.given([]).when(staffCommand('RegisterStaff', { name: 'Dr. Lee', role: 'doctor', pinHash: HASH })).then([registered]);
      expect(stateOf([registered])).toEqual({ status: 'active', active: true, name: 'Dr. Lee', role: 'doctor', pinHash: HASH });
    });

    it.each([
      staffCommand('ChangeStaffRole', { role: 'manager' }),
      staffCommand('ChangeStaffPin', { pinHash: NEW_HASH }),
      staffCommand('DeactivateStaff', {}),
    ])('refuses $type: STAFF_NOT_FOUND', (command) => {
      spec.given([]).when(command).thenThrows('STAFF_NOT_FOUND');
    });
  });

  describe('when active', () => {
    it('refuses to register the same member again', () => {
      spec.given([registered]).when(staffCommand('RegisterStaff', { name: 'Dr. Lee', role: 'doctor', pinHash: HASH })).thenThrows('STAFF_EXISTS');
    });

    it('changes the role', () => {
      spec.given([registered]).when(staffCommand('ChangeStaffRole', { role: 'manager' })).then([
        { type: 'StaffRoleChanged', data: { role: 'manager' } },
      ]);
      expect(stateOf([registered, { type: 'StaffRoleChanged', data: { role: 'manager' } }])).toMatchObject({ role: 'manager' });
    });

    it('refuses the role the member already has', () => {
      spec.given([registered]).when(staffCommand('ChangeStaffRole', { role: 'doctor' })).thenThrows('SAME_ROLE');
    });

    it('changes the PIN hash', () => {
      spec.given([registered]).when(staffCommand('ChangeStaffPin', { pinHash: NEW_HASH })).then([
        { type: 'StaffPinChanged', data: { pinHash: NEW_HASH } },
      ]);
      expect(stateOf([registered, { type: 'StaffPinChanged', data: { pinHash: NEW_HASH } }])).toMatchObject({ pinHash: NEW_HASH });
    });

    it('deactivates, with or without a reason', () => {
      spec.given([registered]).when(staffCommand('DeactivateStaff', { reason: 'left the clinic' })).then([deactivated]);
      spec.given([registered]).when(staffCommand('DeactivateStaff', {})).then([{ type: 'StaffDeactivated', data: {} }]);
    });
  });

  describe('when the only active manager (as the command says)', () => {
    const manager: StaffEvent = { type: 'StaffRegistered', data: { name: '김지현', role: 'manager', pinHash: HASH } };

    it.each([
      staffCommand('ChangeStaffRole', { role: 'desk', activeManagers: 1 }),
      staffCommand('DeactivateStaff', { reason: '퇴사', activeManagers: 1 }),
      staffCommand('DeactivateStaff', { activeManagers: 0 }),
    ])('refuses $type: LAST_ACTIVE_MANAGER', (command) => {
      spec.given([manager]).when(command).thenThrows('LAST_ACTIVE_MANAGER');
    });

    it('lets them go when the desk counted another active manager', () => {
      spec.given([manager]).when(staffCommand('ChangeStaffRole', { role: 'desk', activeManagers: 2 })).then([
        { type: 'StaffRoleChanged', data: { role: 'desk' } },
      ]);
      spec.given([manager]).when(staffCommand('DeactivateStaff', { activeManagers: 2 })).then([{ type: 'StaffDeactivated', data: {} }]);
    });

    it('decides on what the command says: one of a build before the rule says nothing, and stands', () => {
      spec.given([manager]).when(staffCommand('DeactivateStaff', {})).then([{ type: 'StaffDeactivated', data: {} }]);
    });

    it('does not concern anyone but a manager', () => {
      spec.given([registered]).when(staffCommand('DeactivateStaff', { activeManagers: 1 })).then([{ type: 'StaffDeactivated', data: {} }]);
      spec.given([registered]).when(staffCommand('ChangeStaffRole', { role: 'nurse', activeManagers: 0 })).then([
        { type: 'StaffRoleChanged', data: { role: 'nurse' } },
      ]);
    });
  });

  describe('when the clinic has no active manager', () => {
    const restored: StaffEvent = { type: 'StaffRestoredAsManager', data: { reason: '두 데스크에서 관리자가 모두 해제됨' } };

    it('restores a deactivated member as an active manager, keeping their name and PIN', () => {
      spec.given([registered, deactivated]).when(staffCommand('RestoreManager', { reason: '두 데스크에서 관리자가 모두 해제됨' })).then([restored]);
      expect(stateOf([registered, deactivated, restored])).toEqual({ status: 'active', active: true, name: 'Dr. Lee', role: 'manager', pinHash: HASH });
    });

    it('restores a demoted member as a manager', () => {
      spec.given([registered]).when(staffCommand('RestoreManager', { reason: '복구' })).then([{ type: 'StaffRestoredAsManager', data: { reason: '복구' } }]);
    });

    it('refuses someone who does not exist, or who is an active manager already', () => {
      spec.given([]).when(staffCommand('RestoreManager', { reason: '복구' })).thenThrows('STAFF_NOT_FOUND');
      spec.given([registered, restored]).when(staffCommand('RestoreManager', { reason: '복구' })).thenThrows('SAME_ROLE');
    });
  });

  describe('when deactivated', () => {
    it('stays on record, inactive, with its PIN hash', () => {
      expect(stateOf([registered, deactivated])).toEqual({
        status: 'deactivated',
        active: false,
        name: 'Dr. Lee',
        role: 'doctor',
        pinHash: HASH,
        deactivationReason: 'left the clinic',
      });
    });

    it.each([
      staffCommand('ChangeStaffRole', { role: 'manager' }),
      staffCommand('ChangeStaffPin', { pinHash: NEW_HASH }),
      staffCommand('DeactivateStaff', {}),
    ])('refuses $type: STAFF_DEACTIVATED', (command) => {
      spec.given([registered, deactivated]).when(command).thenThrows('STAFF_DEACTIVATED');
    });

    it('refuses to register the member again', () => {
      spec.given([registered, deactivated]).when(staffCommand('RegisterStaff', { name: 'Dr. Lee', role: 'doctor', pinHash: HASH })).thenThrows('STAFF_EXISTS');
    });
  });
});
