import type { StaffRole } from '../values.js';

/**
 * A staff member as their events say. Plain JSON data, tagged by status; `active` repeats the
 * status as a flag and `pinHash` is the salted slow hash DeskCore verifies a PIN against.
 */
export interface StaffDetails {
  readonly name: string;
  readonly role: StaffRole;
  readonly pinHash: string;
}

export type StaffState =
  | { readonly status: 'none'; readonly active: false }
  | ({ readonly status: 'active'; readonly active: true } & StaffDetails)
  | ({ readonly status: 'deactivated'; readonly active: false; readonly deactivationReason: string | null } & StaffDetails);

export type StaffStatus = StaffState['status'];

export const initialStaffState = (): StaffState => ({ status: 'none', active: false });
