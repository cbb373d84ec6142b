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
