import { CONFLICT_EVENTS, isConflictCommandType, isConflictEventType } from './conflicts.js';
import type { DomainEvent, EventEnvelope } from './event.js';
import type { AnyStreamDefinition, CommandSpec } from './stream-definition.js';
import type { Upcaster } from './upcaster.js';

/** An event as read through this build: upcast to the current schema, or kept as unknown. */
export type ReadEvent =
  | { readonly known: true; readonly envelope: EventEnvelope; readonly event: DomainEvent }
  | { readonly known: false; readonly envelope: EventEnvelope };

export interface CommandRoute {
  readonly definition: AnyStreamDefinition;
  readonly spec: CommandSpec;
}

export interface StreamRegistry {
  readonly streamTypes: readonly string[];
  readonly definition: (streamType: string) => AnyStreamDefinition | undefined;
  readonly routeCommand: (commandType: string) => CommandRoute | undefined;
  /** The schemaVersion this build writes for an event type. */
  readonly currentSchemaVersion: (eventType: string) => number | undefined;
  /** Whether this build can read an event (known type, schemaVersion it can upcast). */
  readonly understands: (eventType: string, schemaVersion: number) => boolean;
  readonly read: (envelope: EventEnvelope) => ReadEvent;
  /** An event's type, schemaVersion and data as this build reads them (upcast), or undefined when it cannot. */
  readonly eventOf: (type: string, schemaVersion: number, data: unknown) => DomainEvent | undefined;
}

/**
 * Builds the registry and checks it is whole: each command and event type belongs to one stream
 * type, and every event type has an upcaster for each schemaVersion below its current one. The
 * kernel's conflict events (conflicts.ts) belong to every stream type, so no definition may
 * declare them or their commands.
 */
export const createStreamRegistry = (definitions: readonly AnyStreamDefinition[]): StreamRegistry => {
  const byStreamType = new Map<string, AnyStreamDefinition>();
  const commandRoutes = new Map<string, CommandRoute>();
  const schemaVersions = new Map<string, number>();
  const upcasters = new Map<string, Map<number, Upcaster>>();

  for (const definition of definitions) {
    if (byStreamType.has(definition.streamType)) {
      throw new Error(`Stream type ${definition.streamType} is registered twice`);
    }
    byStreamType.set(definition.streamType, definition);
    for (const [type, spec] of Object.entries(definition.commands)) {
      if (isConflictCommandType(type)) throw new Error(`${definition.streamType} declares ${type}, a kernel command`);
      if (commandRoutes.has(type)) throw new Error(`Command type ${type} belongs to two stream types`);
      if (spec.kind === 'observation' && (!definition.record || !definition.flagAnomaly)) {
        throw new Error(`${definition.streamType} has observation ${type} but no record/flagAnomaly`);
      }
      commandRoutes.set(type, { definition, spec });
    }
    for (const [type, version] of Object.entries(definition.events)) {
      if (isConflictEventType(type)) throw new Error(`${definition.streamType} declares ${type}, a kernel event`);
      if (schemaVersions.has(type)) throw new Error(`Event type ${type} belongs to two stream types`);
      if (!Number.isInteger(version) || version < 1) throw new Error(`Event ${type} has schemaVersion ${version}`);
      schemaVersions.set(type, version);
    }
    for (const upcaster of definition.upcasters ?? []) {
      const steps = upcasters.get(upcaster.eventType) ?? new Map<number, Upcaster>();
      if (steps.has(upcaster.fromVersion)) {
        throw new Error(`Two upcasters for ${upcaster.eventType} v${upcaster.fromVersion}`);
      }
      steps.set(upcaster.fromVersion, upcaster);
      upcasters.set(upcaster.eventType, steps);
    }
  }
  for (const [type, version] of Object.entries(CONFLICT_EVENTS)) schemaVersions.set(type, version);
  for (const [type, current] of schemaVersions) {
    for (let from = 1; from < current; from++) {
      if (!upcasters.get(type)?.has(from)) throw new Error(`Event ${type} lacks an upcaster from v${from}`);
    }
  }

  const understands = (eventType: string, schemaVersion: number): boolean => {
    const current = schemaVersions.get(eventType);
    return current !== undefined && Number.isInteger(schemaVersion) && schemaVersion >= 1 && schemaVersion <= current;
  };

  const eventOf = (type: string, schemaVersion: number, stored: unknown): DomainEvent | undefined => {
    if (!understands(type, schemaVersion)) return undefined;
    const current = schemaVersions.get(type) as number;
    let data = stored;
    for (let version = schemaVersion; version < current; version++) {
      data = (upcasters.get(type)?.get(version) as Upcaster).up(data);
    }
    return { type, data };
  };

  const read = (envelope: EventEnvelope): ReadEvent => {
    const event = eventOf(envelope.type, envelope.schemaVersion, envelope.data);
    if (!event) return { known: false, envelope };
    const current = schemaVersions.get(envelope.type) as number;
    const upcast = event.data === envelope.data ? envelope : { ...envelope, schemaVersion: current, data: event.data };
    return { known: true, envelope: upcast, event };
  };

  return {
    streamTypes: [...byStreamType.keys()],
    definition: (streamType) => byStreamType.get(streamType),
    routeCommand: (commandType) => commandRoutes.get(commandType),
    currentSchemaVersion: (eventType) => schemaVersions.get(eventType),
    understands,
    read,
    eventOf,
  };
};

