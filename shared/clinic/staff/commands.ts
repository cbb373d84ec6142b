import { z } from 'zod';
import { builtOnFirstRead } from '../../contract/built-on-first-read.js';
import { intent, type ClinicCommandSpecs, type CommandOf } from '../command-spec.js';
import { PersonName, StaffRole, Text } from '../values.js';

/**
 * Staff commands. A PIN never travels in a command: DeskCore hashes it first (staff.register,
 * staff.changePin), so these payloads carry only the salted slow hash.
 */
export const PinHash = z.string().regex(/^scrypt\$[A-Za-z0-9+/=$:.-]{20,300}$/, 'a PIN hash');

/**
 * How many active managers the clinic had, this member included, as the desk that issued the
 * command knew them: the staff stream cannot see other staff members, so the desk (which counts
 * them in its staff read model) says it in the command, and the rule "a clinic keeps an active
 * manager" is decided on what it said. Absent in commands of builds before the rule.
 */
const ActiveManagers = z.number().int().min(0).max(10_000);

export const staffCommandPayloads = builtOnFirstRead({
  RegisterStaff: () => z.strictObject({ name: PersonName, role: StaffRole, pinHash: PinHash }),
  ChangeStaffRole: () => z.strictObject({ role: StaffRole, activeManagers: ActiveManagers.optional() }),
  ChangeStaffPin: () => z.strictObject({ pinHash: PinHash }),
  DeactivateStaff: () => z.strictObject({ reason: Text(500).optional(), activeManagers: ActiveManagers.optional() }),
  /**
   * The way back for a clinic left without an active manager (two offline desks each removed
   * one): issued by a desk's machine (`npm run desk -- restore-manager`), never by a person's
   * screen, and recorded for the audit trail with the reason given.
   */
  RestoreManager: () => z.strictObject({ reason: Text(500) }),
});

export type StaffCommandType = keyof typeof staffCommandPayloads;
export type StaffPayload<T extends StaffCommandType> = z.infer<(typeof staffCommandPayloads)[T]>;
export type StaffCommand = CommandOf<typeof staffCommandPayloads>;

/** Every staff command is an intent. */
export const staffCommandSpecs = {
  RegisterStaff: { ...intent, startsStream: true },
  ChangeStaffRole: intent,
  ChangeStaffPin: intent,
  DeactivateStaff: intent,
  RestoreManager: intent,
} as const satisfies ClinicCommandSpecs<StaffCommand>;
