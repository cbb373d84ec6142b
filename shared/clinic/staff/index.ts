import type { Decider, StreamDefinition } from '../../eventsourcing/index.js';
import { staffIntentAlreadyHolds } from './already-holds.js';
import { staffCommandSpecs, type StaffCommand } from './commands.js';
import { decideStaff } from './decide.js';
import type { StaffEvent } from './events.js';
import { evolveStaff } from './evolve.js';
import { initialStaffState, type StaffState } from './state.js';

export const staffDecider: Decider<StaffState, StaffCommand, StaffEvent> = {
  initialState: initialStaffState,
  decide: decideStaff,
  evolve: evolveStaff,
};

/** The staff stream: one staff member. */
export const staffStream: StreamDefinition<StaffState, StaffCommand, StaffEvent> = {
  streamType: 'staff',
  decider: staffDecider,
  commands: staffCommandSpecs,
  events: { StaffRegistered: 1, StaffRoleChanged: 1, StaffPinChanged: 1, StaffDeactivated: 1, StaffRestoredAsManager: 1 },
  alreadyHolds: staffIntentAlreadyHolds,
};

export { initialStaffState } from './state.js';
export type { StaffDetails, StaffState, StaffStatus } from './state.js';
export { decideStaff } from './decide.js';
export { evolveStaff } from './evolve.js';
export * from './commands.js';
export * from './events.js';
