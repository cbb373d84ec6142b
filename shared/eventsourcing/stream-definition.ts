import type { Command, CommandKind } from './command.js';
import type { Decider } from './decider.js';
import type { DomainError } from './domain-error.js';
import type { DomainEvent } from './event.js';
import type { Upcaster } from './upcaster.js';

export interface CommandSpec {
  readonly kind: CommandKind;
  /** True for commands that open a new stream (they may omit streamId). */
  readonly startsStream: boolean;
}

/**
 * The command types a table of specs declares observations: the table is the one place that says
 * which commands are observations, and types and lists derive from it.
 */
export type ObservationTypeOf<Specs extends Readonly<Record<string, CommandSpec>>> = {
  [T in keyof Specs]: Specs[T]['kind'] extends 'observation' ? T : never;
}[keyof Specs] &
  string;
export type IntentTypeOf<Specs extends Readonly<Record<string, CommandSpec>>> = Exclude<keyof Specs & string, ObservationTypeOf<Specs>>;

/** The command types of a table of specs that are of one kind, in the table's order. */
export const commandTypesOfKind = <Specs extends Readonly<Record<string, CommandSpec>>, K extends CommandKind>(
  specs: Specs,
  kind: K,
): (K extends 'observation' ? ObservationTypeOf<Specs> : IntentTypeOf<Specs>)[] =>
  Object.keys(specs).filter((type) => specs[type]?.kind === kind) as (K extends 'observation' ? ObservationTypeOf<Specs> : IntentTypeOf<Specs>)[];

export interface SnapshotSpec<State> {
  /** Bump when State's shape changes: snapshots of another schema are ignored. */
  readonly schemaVersion: number;
  /** Take a snapshot each time a stream's version reaches a multiple of this. */
  readonly every: number;
  encode?(state: State): unknown;
  decode?(stored: unknown): State;
}

/**
 * Everything the kernel needs to know about one stream type. The maps are keyed by type name so
 * that a command or event type missing from them is caught at registration, not at run time.
 */
export interface StreamDefinition<
  State = unknown,
  C extends Command = Command,
  E extends DomainEvent = DomainEvent,
> {
  readonly streamType: string;
  readonly decider: Decider<State, C, E>;
  readonly commands: { readonly [T in C['type']]: CommandSpec };
  /** Current schemaVersion of each event type this build writes and understands. */
  readonly events: { readonly [T in E['type']]: number };
  readonly upcasters?: readonly Upcaster[];
  readonly snapshot?: SnapshotSpec<State>;
  /**
   * For observations replayed by reexecute: the facts the command records, without checking the
   * rules (what physically happened cannot be refused after the fact).
   */
  record?(state: State, command: C): readonly E[];
  /** The event that flags a broken rule on an observation replayed by reexecute. */
  flagAnomaly?(error: DomainError, command: C, state: State): E;
  /**
   * For an intent that reexecute finds no longer holds: true when its effect already holds
   * (cancelling a canceled visit, giving someone the role they have), so the command is done
   * with no events instead of becoming a conflict.
   */
  alreadyHolds?(state: State, command: C): boolean;
}

/** A definition with its type parameters erased, as a registry holds it. */
export type AnyStreamDefinition = StreamDefinition<unknown, Command, DomainEvent>;
