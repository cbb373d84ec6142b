import type { StaffRole } from '../values.js';

export type StaffEvent =
  | { type: 'StaffRegistered'; data: { name: string; role: StaffRole; pinHash: string } }
  | { type: 'StaffRoleChanged'; data: { role: StaffRole } }
  | { type: 'StaffPinChanged'; data: { pinHash: string } }
  | { type: 'StaffDeactivated'; data: { reason?: string } }
  /** Made an active manager again by a desk's machine, the clinic having none (RestoreManager). */
  | { type: 'StaffRestoredAsManager'; data: { reason: string } };

export type StaffEventType = StaffEvent['type'];
