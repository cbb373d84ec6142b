/**
 * Headspring: the command loop of the Loom model.
 *
 *   execute(command): dedupe by commandId → rehydrate (snapshot + later events) → decide →
 *   append at the expected version, in one store transaction with the command-log row (and the
 *   store's inline projections). A version clash means another writer got there first: the loop
 *   re-runs on the new state, a bounded number of times.
 *
 *   The current state of recently used streams is kept in memory, keyed by the stream's version
 *   and last event id, so a hot stream is not re-read for every command; any other writer
 *   (another connection, a pull, a rebase) changes one of the two and the state is re-read.
 *
 *   reexecute(command): the same without the dedupe, for rebase. An observation whose rule no
 *   longer holds is still recorded, followed by the stream's anomaly event; an intent whose effect
 *   already holds is done with no events; any other intent that no longer holds throws its
 *   DomainError so the caller can raise a conflict.
 *
 *   The kernel's own commands, RecordConflict and ResolveConflict (conflicts.ts), run through the
 *   same loop on whichever stream type they name; domain deciders never see their events.
 */
import { canonicalJson } from './canonical-json.js';
import type { Command, CommandInput } from './command.js';
import { decideConflictCommand } from './conflict-commands.js';
import {
  CONFLICT_EVENTS,
  conflictsOf,
  isConflictCommandType,
  isConflictEventType,
  type ResolveConflictCommand,
} from './conflicts.js';
import { DomainError, KernelErrorCode, isDomainError } from './domain-error.js';
import type { DomainEvent, EventEnvelope } from './event.js';
import {
  CommandAlreadyRecorded,
  VersionClash,
  type CommandRecord,
  type EventStore,
  type StoredSnapshot,
} from './event-store.js';
import type { IdSource } from './ids.js';
import type { CommandRoute, StreamRegistry } from './registry.js';
import type { AnyStreamDefinition, CommandSpec } from './stream-definition.js';

export interface HeadspringOptions {
  readonly store: EventStore;
  readonly registry: StreamRegistry;
  readonly ids: IdSource;
  /** Stamped into every envelope this desk raises. */
  readonly origin: { readonly deviceId: string; readonly appVersion: string; readonly tenantId?: string };
  /** How many times a version clash re-runs the loop before giving up (default 5). */
  readonly maxAttempts?: number;
  /** How many streams' current states to keep in memory (default 1000; 0 turns it off). */
  readonly stateCacheSize?: number;
}

export interface ExecuteResult {
  readonly streamId: string;
  /** The stream's version after the command. */
  readonly version: number;
  readonly events: readonly EventEnvelope[];
  /** True when the commandId was already recorded and this is the first result again. */
  readonly deduplicated: boolean;
}

export interface ReexecuteResult extends ExecuteResult {
  /** Set when an observation broke a rule and was recorded with an anomaly. */
  readonly anomaly?: DomainError;
}

export interface LoadedStream<State = unknown> {
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly state: State;
}

export type PointInTime = { readonly version: number } | { readonly at: string };

/** A person's resolution of a conflict (conflicts.resolve). */
export interface ConflictResolutionRequest {
  readonly streamId: string;
  readonly conflictId: string;
  readonly action: 'retry' | 'dismiss';
  /** For retry: the original command's payload, edited; absent keeps it. */
  readonly payload?: unknown;
  readonly reason?: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
}

export interface Headspring {
  readonly execute: (command: CommandInput) => ExecuteResult;
  readonly reexecute: (command: Command) => ReexecuteResult;
  /**
   * For a command whose first events were delivered but whose last ones were not (an older HQ
   * took part of a batch): appends the rest, as decided then, after the stream's head.
   */
  readonly resume: (command: Command, rest: readonly DomainEvent[]) => ExecuteResult;
  /**
   * Resolves a conflict of the stream once: retry runs the original command (optionally edited)
   * and records ConflictResolved in the same append; dismiss records it with a reason. A second
   * resolution is CONFLICT_ALREADY_RESOLVED (or, the very same request again, its first result).
   */
  readonly resolveConflict: (request: ConflictResolutionRequest) => ExecuteResult;
  /** The stream's current state. */
  readonly load: (streamId: string) => LoadedStream;
  /** Time travel: the state after `version`, or after the longest prefix raised at or before `at`. */
  readonly stateAt: (streamId: string, point: PointInTime) => LoadedStream;
  /** Every event of the stream, upcast where this build can. */
  readonly history: (streamId: string) => readonly EventEnvelope[];
}

/** What makes a repeated commandId "the same command". issuedAt and issuedBy are stamped per try. */
export const commandFingerprint = (command: Pick<Command, 'type' | 'payload' | 'schemaVersion'>): string =>
  canonicalJson({ type: command.type, payload: command.payload, schemaVersion: command.schemaVersion });

export const createHeadspring = (options: HeadspringOptions): Headspring => {
  const { store, registry, ids, origin } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const cacheSize = options.stateCacheSize ?? 1000;
  const stateCache = new Map<string, { version: number; lastEventId: string; state: unknown }>();

  const remember = (streamId: string, version: number, lastEventId: string, state: unknown): void => {
    if (cacheSize === 0) return;
    stateCache.delete(streamId); // re-insert: Map order is the LRU order
    stateCache.set(streamId, { version, lastEventId, state });
    if (stateCache.size > cacheSize) stateCache.delete(stateCache.keys().next().value as string);
  };

  const route = (type: string): CommandRoute => {
    const found = registry.routeCommand(type);
    if (!found) throw new DomainError(KernelErrorCode.UNKNOWN_COMMAND, `Unknown command type ${type}`);
    return found;
  };

  const needsUpgrade = (envelope: EventEnvelope): DomainError =>
    new DomainError(
      KernelErrorCode.STREAM_NEEDS_UPGRADE,
      `Stream ${envelope.streamId} holds ${envelope.type} v${envelope.schemaVersion}, which needs a newer app`,
      { streamId: envelope.streamId, eventType: envelope.type, schemaVersion: envelope.schemaVersion },
    );

  const decodeSnapshot = (definition: AnyStreamDefinition, snapshot: StoredSnapshot | undefined): unknown => {
    const spec = definition.snapshot;
    if (!snapshot || !spec || snapshot.schemaVersion !== spec.schemaVersion) return undefined;
    try {
      return spec.decode ? spec.decode(snapshot.state) : snapshot.state;
    } catch {
      return undefined; // an unreadable snapshot is only a missed shortcut: fold from the start
    }
  };

  /**
   * Folds known events onto a state; an event this build cannot read stops everything. Conflict
   * events are the kernel's: they never change the domain's state.
   */
  const fold = (definition: AnyStreamDefinition, initial: unknown, events: readonly EventEnvelope[]): unknown => {
    let state = initial;
    for (const envelope of events) {
      const read = registry.read(envelope);
      if (!read.known) throw needsUpgrade(envelope);
      if (isConflictEventType(read.event.type)) continue;
      try {
        state = definition.decider.evolve(state, read.event);
      } catch {
        // Data of another shape than its type says (a faulty or newer build): this build cannot read it.
        throw needsUpgrade(envelope);
      }
    }
    return state;
  };

  const evolveDecided = (definition: AnyStreamDefinition, state: unknown, events: readonly DomainEvent[]): unknown => {
    let next = state;
    for (const event of events) if (!isConflictEventType(event.type)) next = definition.decider.evolve(next, event);
    return next;
  };

  const rehydrate = (streamId: string, definition: AnyStreamDefinition): LoadedStream => {
    const head = store.streamHead(streamId);
    if (!head) return { streamId, streamType: definition.streamType, version: 0, state: definition.decider.initialState() };
    if (head.streamType !== definition.streamType) {
      throw new DomainError(
        KernelErrorCode.STREAM_TYPE_MISMATCH,
        `Stream ${streamId} is a ${head.streamType}, not a ${definition.streamType}`,
      );
    }
    const cached = stateCache.get(streamId);
    if (cached && cached.version === head.version && cached.lastEventId === head.lastEventId) {
      return { streamId, streamType: definition.streamType, version: cached.version, state: cached.state };
    }
    const snapshot = store.latestSnapshot(streamId);
    const fromSnapshot = decodeSnapshot(definition, snapshot);
    const base = fromSnapshot !== undefined && snapshot ? snapshot.version : 0;
    const events = store.readStream(streamId, { afterVersion: base });
    const state = fold(definition, base > 0 ? fromSnapshot : definition.decider.initialState(), events);
    const last = events[events.length - 1];
    // The last event read, not the head read before it, is what the state reflects.
    if (!last) return { streamId, streamType: definition.streamType, version: base, state };
    remember(streamId, last.version, last.eventId, state);
    return { streamId, streamType: definition.streamType, version: last.version, state };
  };

  const envelop = (
    definition: AnyStreamDefinition,
    command: Command,
    baseVersion: number,
    events: readonly DomainEvent[],
  ): EventEnvelope[] =>
    events.map((event, index) => {
      const schemaVersion = isConflictEventType(event.type) ? CONFLICT_EVENTS[event.type] : definition.events[event.type];
      if (schemaVersion === undefined) {
        throw new Error(`${definition.streamType} decided ${event.type}, which it does not register`);
      }
      return {
        eventId: ids.newId(),
        ...(origin.tenantId !== undefined ? { tenantId: origin.tenantId } : {}),
        streamType: definition.streamType,
        streamId: command.streamId,
        version: baseVersion + index + 1,
        type: event.type,
        schemaVersion,
        data: event.data,
        meta: {
          commandId: command.commandId,
          processId: command.processId ?? command.commandId,
          initiator: command.issuedBy,
          predecessorId: command.predecessorId ?? command.commandId,
          deviceId: origin.deviceId,
          raisedAt: command.issuedAt,
          appVersion: origin.appVersion,
        },
      };
    });

  /** A snapshot when the stream moved from `from` past a multiple of `every`. */
  const snapshotOf = (
    definition: AnyStreamDefinition,
    streamId: string,
    from: number,
    version: number,
    state: unknown,
  ): StoredSnapshot | undefined => {
    const spec = definition.snapshot;
    if (!spec || Math.floor(version / spec.every) === Math.floor(from / spec.every)) return undefined;
    return { streamId, version, schemaVersion: spec.schemaVersion, state: spec.encode ? spec.encode(state) : state };
  };

  const recordedResult = (record: CommandRecord): ExecuteResult => {
    const { outcome } = record;
    if (outcome.status === 'done') {
      return {
        streamId: outcome.streamId,
        version: outcome.toVersion,
        events: store.readStream(outcome.streamId, { afterVersion: outcome.fromVersion - 1, toVersion: outcome.toVersion }),
        deduplicated: true,
      };
    }
    if (outcome.status === 'conflict' || outcome.status === 'waiting') {
      const why = outcome.status === 'conflict' ? 'is in conflict' : 'waits for a conflict to be resolved';
      throw new DomainError(KernelErrorCode.COMMAND_IN_CONFLICT, `Command ${record.commandId} ${why}`, {
        conflictId: outcome.conflictId,
      });
    }
    throw new DomainError(
      KernelErrorCode.STREAM_SYNCING,
      `Command ${record.commandId} is being re-run on HQ's newer history of ${outcome.streamId}; ask again in a moment`,
    );
  };

  /** The first result of a commandId already recorded; its fingerprint is computed only then. */
  const dedupe = (input: CommandInput): ExecuteResult | undefined => {
    const record = store.findCommand(input.commandId);
    if (!record) return undefined;
    const sameStream = input.streamId === undefined || input.streamId === record.outcome.streamId;
    if (!sameStream || commandFingerprint(record.command) !== commandFingerprint(input)) {
      throw new DomainError(
        KernelErrorCode.COMMAND_ID_REUSED,
        `Command id ${input.commandId} was already used for a different command`,
      );
    }
    return recordedResult(record);
  };

  /** The shared loop of execute and reexecute; `decideFor` differs between them. */
  const run = (
    command: Command,
    found: CommandRoute,
    recordMode: 'insert' | 'replace',
    decideFor: (loaded: LoadedStream) => { events: readonly DomainEvent[]; anomaly?: DomainError },
    onAlreadyRecorded: () => ExecuteResult,
  ): ReexecuteResult => {
    const { definition } = found;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = rehydrate(command.streamId, definition);
      const decided = decideFor(loaded);
      const envelopes = envelop(definition, command, loaded.version, decided.events);
      const version = loaded.version + envelopes.length;
      const state = evolveDecided(definition, loaded.state, decided.events);
      const snapshot = snapshotOf(definition, command.streamId, loaded.version, version, state);
      try {
        store.append({
          streamId: command.streamId,
          streamType: definition.streamType,
          expectedVersion: loaded.version,
          events: envelopes,
          record: {
            commandId: command.commandId,
            command,
            outcome: { status: 'done', streamId: command.streamId, fromVersion: loaded.version + 1, toVersion: version },
          },
          recordMode,
          ...(snapshot ? { snapshot } : {}),
        });
      } catch (error) {
        if (error instanceof VersionClash) continue;
        if (error instanceof CommandAlreadyRecorded) return onAlreadyRecorded();
        throw error;
      }
      const last = envelopes[envelopes.length - 1];
      if (last) remember(command.streamId, version, last.eventId, state);
      return {
        streamId: command.streamId,
        version,
        events: envelopes,
        deduplicated: false,
        ...(decided.anomaly ? { anomaly: decided.anomaly } : {}),
      };
    }
    throw new DomainError(
      KernelErrorCode.CONCURRENCY_RETRIES_EXHAUSTED,
      `Stream ${command.streamId} kept changing; gave up after ${maxAttempts} attempts`,
    );
  };

  /** Kernel commands belong to whichever stream type they name; they are observations on a rebase. */
  const KERNEL_SPEC: CommandSpec = { kind: 'observation', startsStream: false };

  const kernelRoute = (streamId: string): CommandRoute => ({ definition: definitionOf(streamId).definition, spec: KERNEL_SPEC });

  const decideKernel =
    (command: Command, definition: AnyStreamDefinition, mode: 'execute' | 'reexecute') =>
    (loaded: LoadedStream): { events: readonly DomainEvent[]; anomaly?: DomainError } =>
      decideConflictCommand(
        {
          registry,
          ids,
          definition,
          state: loaded.state,
          version: loaded.version,
          history: () => store.readStream(command.streamId, { toVersion: loaded.version }).flatMap((envelope) => {
            const read = registry.read(envelope);
            return read.known ? [read.event] : [];
          }),
        },
        command,
        mode,
      );

  const execute = (input: CommandInput): ExecuteResult => {
    const kernel = isConflictCommandType(input.type);
    if (kernel && input.streamId === undefined) {
      throw new DomainError(KernelErrorCode.STREAM_ID_REQUIRED, `${input.type} needs a streamId`);
    }
    const found = kernel ? kernelRoute(input.streamId as string) : route(input.type);
    const earlier = dedupe(input);
    if (earlier) return earlier;
    let streamId = input.streamId;
    if (streamId === undefined) {
      if (!found.spec.startsStream) {
        throw new DomainError(KernelErrorCode.STREAM_ID_REQUIRED, `${input.type} needs a streamId`);
      }
      streamId = ids.newId();
    }
    const command: Command = { ...input, streamId };
    return run(
      command,
      found,
      'insert',
      kernel
        ? decideKernel(command, found.definition, 'execute')
        : (loaded) => ({ events: found.definition.decider.decide(loaded.state, command) }),
      () => dedupe(input) as ExecuteResult,
    );
  };

  const reexecute = (command: Command): ReexecuteResult => {
    const kernel = isConflictCommandType(command.type);
    const found = kernel ? kernelRoute(command.streamId) : route(command.type);
    const { definition, spec } = found;
    return run(
      command,
      found,
      'replace',
      kernel
        ? decideKernel(command, definition, 'reexecute')
        : (loaded) => {
            try {
              return { events: definition.decider.decide(loaded.state, command) };
            } catch (error) {
              if (!isDomainError(error)) throw error;
              if (spec.kind === 'intent') {
                if (definition.alreadyHolds?.(loaded.state, command)) return { events: [] };
                throw error;
              }
              if (!definition.record || !definition.flagAnomaly) throw error;
              const facts = definition.record(loaded.state, command);
              return { events: [...facts, definition.flagAnomaly(error, command, loaded.state)], anomaly: error };
            }
          },
      () => {
        throw new Error(`reexecute of ${command.commandId} raced with an insert of the same command`);
      },
    );
  };

  const resume = (command: Command, rest: readonly DomainEvent[]): ExecuteResult => {
    const found = isConflictCommandType(command.type) ? kernelRoute(command.streamId) : route(command.type);
    return run(
      command,
      found,
      'replace',
      () => ({ events: rest }),
      () => {
        throw new Error(`resume of ${command.commandId} raced with an insert of the same command`);
      },
    );
  };

  const resolveConflict = (request: ConflictResolutionRequest): ExecuteResult => {
    definitionOf(request.streamId);
    const conflicts = conflictsOf(
      store.readStream(request.streamId).flatMap((envelope) => {
        const read = registry.read(envelope);
        return read.known ? [read.event] : [];
      }),
    );
    const original = conflicts.get(request.conflictId);
    if (!original) {
      throw new DomainError(KernelErrorCode.CONFLICT_NOT_FOUND, `No conflict ${request.conflictId} on stream ${request.streamId}`);
    }
    const command: Omit<ResolveConflictCommand, 'streamId'> & { streamId: string } = {
      commandId: ids.derive('resolution', request.conflictId),
      type: 'ResolveConflict',
      streamId: request.streamId,
      payload: {
        conflictId: request.conflictId,
        action: request.action,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
        ...(request.reason !== undefined ? { reason: request.reason } : {}),
      },
      schemaVersion: 1,
      issuedBy: request.issuedBy,
      issuedAt: request.issuedAt,
      processId: original.command.processId ?? original.command.commandId,
      predecessorId: original.command.commandId,
    };
    try {
      return execute(command);
    } catch (error) {
      // The resolution's id is derived from the conflict: another resolution already took it.
      if (isDomainError(error) && error.code === KernelErrorCode.COMMAND_ID_REUSED) {
        throw new DomainError(KernelErrorCode.CONFLICT_ALREADY_RESOLVED, `Conflict ${request.conflictId} was already resolved`);
      }
      throw error;
    }
  };

  const definitionOf = (streamId: string): { definition: AnyStreamDefinition; version: number } => {
    const head = store.streamHead(streamId);
    const definition = head ? registry.definition(head.streamType) : undefined;
    if (!head || !definition) throw new DomainError(KernelErrorCode.NOT_FOUND, `No stream ${streamId}`);
    return { definition, version: head.version };
  };

  const load = (streamId: string): LoadedStream => rehydrate(streamId, definitionOf(streamId).definition);

  const stateAt = (streamId: string, point: PointInTime): LoadedStream => {
    const { definition } = definitionOf(streamId);
    const all = store.readStream(streamId);
    let prefix: readonly EventEnvelope[];
    if ('version' in point) {
      const head = all.length > 0 ? (all[all.length - 1] as EventEnvelope).version : 0;
      if (point.version > head) {
        throw new DomainError(KernelErrorCode.NOT_FOUND, `Stream ${streamId} has no version ${point.version} (head ${head})`);
      }
      prefix = all.filter((event) => event.version <= point.version);
    } else {
      // Instants are compared as times, not strings: "…00Z" and "…00.000Z" are the same moment.
      const at = Date.parse(point.at);
      const cut = all.findIndex((event) => Date.parse(event.meta.raisedAt) > at);
      prefix = cut === -1 ? all : all.slice(0, cut);
    }
    const state = fold(definition, definition.decider.initialState(), prefix);
    const version = prefix.length > 0 ? (prefix[prefix.length - 1] as EventEnvelope).version : 0;
    return { streamId, streamType: definition.streamType, version, state };
  };

  const history = (streamId: string): readonly EventEnvelope[] => {
    definitionOf(streamId);
    return store.readStream(streamId).map((envelope) => registry.read(envelope).envelope);
  };

  return { execute, reexecute, resume, resolveConflict, load, stateAt, history };
};
