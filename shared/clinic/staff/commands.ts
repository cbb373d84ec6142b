import { z } from 'zod';
import type { Command } from '../../eventsourcing/index.js';
import type { ClinicCommandSpecs } from '../references.js';
import { PersonName, StaffRole, Text } from '../values.js';

/**
 * Staff commands. A PIN never travels in a command: DeskCore hashes it first (staff.register,
 * staff.changePin), so these payloads carry only the salted slow hash.
 */
export const PinHash = z.string().regex(/^scrypt\$[A-Za-z0-9+/=$:.-]{20,300}$/, 'a PIN hash');

export const staffCommandPayloads = {
  RegisterStaff: z.strictObject({ name: PersonName, role: StaffRole, pinHash: PinHash }),
  ChangeStaffRole: z.strictObject({ role: StaffRole }),
  ChangeStaffPin: z.strictObject({ pinHash: PinHash }),
  DeactivateStaff: z.strictObject({ reason: Text(500).optional() }),
} as const;

type Payloads = typeof staffCommandPayloads;
export type StaffCommandType = keyof Payloads;
export type StaffPayload<T extends StaffCommandType> = z.infer<Payloads[T]>;
export type StaffCommand = { [T in StaffCommandType]: Command<T, StaffPayload<T>> }[StaffCommandType];

/** Every staff command is an intent. */
export const staffCommandSpecs = {
  RegisterStaff: { kind: 'intent', startsStream: true, references: {} },
  ChangeStaffRole: { kind: 'intent', startsStream: false, references: {} },
  ChangeStaffPin: { kind: 'intent', startsStream: false, references: {} },
  DeactivateStaff: { kind: 'intent', startsStream: false, references: {} },
} as const satisfies ClinicCommandSpecs<StaffCommand>;
