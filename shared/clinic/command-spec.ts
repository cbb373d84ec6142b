/**
 * What the clinic declares beside each command in its aggregate: the kernel's spec (intent or
 * observation, whether it opens a stream) and which payload fields name another stream. An
 * offline desk cannot enforce rules across streams, but it checks what it knows locally before a
 * command is made (src-main/core/handlers/command-handler.ts checks every declared field,
 * generically): a named patient exists and was not merged away; a named staff member is active
 * and has one of the roles the field needs.
 */
import type { z } from 'zod';
import type { Command, CommandSpec } from '../eventsourcing/index.js';
import type { StaffRole } from './values.js';

/** The commands of an aggregate, one variant per payload schema. */
export type CommandOf<Payloads extends Readonly<Record<string, z.ZodType>>> = {
  [T in keyof Payloads & string]: Command<T, z.infer<Payloads[T]>>;
}[keyof Payloads & string];

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

/** The usual specs: a command on an existing stream that names no other stream. */
export const intent = { kind: 'intent', startsStream: false, references: {} } as const;
export const observation = { kind: 'observation', startsStream: false, references: {} } as const;
