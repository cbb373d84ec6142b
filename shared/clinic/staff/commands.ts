import { z } from 'zod';
import { intent, type ClinicCommandSpecs, type CommandOf } from '../command-spec.js';
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

export type StaffCommandType = keyof typeof staffCommandPayloads;
export type StaffPayload<T extends StaffCommandType> = z.infer<(typeof staffCommandPayloads)[T]>;
export type StaffCommand = CommandOf<typeof staffCommandPayloads>;

/** Every staff command is an intent. */
export const staffCommandSpecs = {
  RegisterStaff: { ...intent, startsStream: true },
  ChangeStaffRole: intent,
  ChangeStaffPin: intent,
  DeactivateStaff: intent,
} as const satisfies ClinicCommandSpecs<StaffCommand>;
