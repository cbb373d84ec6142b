/**
 * Which payload fields of a command name another stream, declared beside each command in its
 * aggregate. An offline desk cannot enforce rules across streams, but it checks what it knows
 * locally before a command is made (src-main/core/handlers/command-handler.ts checks every
 * declared field, generically): a named patient exists and was not merged away; a named staff
 * member is active and has one of the roles the field needs.
 */
import type { CommandSpec } from '../eventsourcing/index.js';
import type { Command } from '../eventsourcing/index.js';
import type { StaffRole } from './values.js';

export type Reference =
  | { readonly stream: 'patient' }
  | { readonly stream: 'staff'; readonly roles: readonly StaffRole[] };

export const patientRef: Reference = { stream: 'patient' };
export const staffRef = (roles: readonly StaffRole[]): Reference => ({ stream: 'staff', roles });

/** The fields of a payload that hold text (an id can only be one of those), each optionally a reference. */
export type ReferencesOf<Payload> = {
  readonly [K in keyof Payload as NonNullable<Payload[K]> extends string ? K : never]?: Reference;
};

/** What the clinic declares beside a command: the kernel's spec plus the streams its payload names. */
export interface ClinicCommandSpec extends CommandSpec {
  readonly references: Readonly<Record<string, Reference | undefined>>;
}

/** One spec per command of an aggregate: a command without one fails to compile. */
export type ClinicCommandSpecs<C extends Command> = {
  readonly [T in C['type']]: CommandSpec & { readonly references: ReferencesOf<Extract<C, { type: T }>['payload']> };
};
