/**
 * How the kernel decides its two commands, RecordConflict and ResolveConflict (conflicts.ts), on
 * the stream they concern. `mode` is 'execute' when a person (or the desk) issues them now and
 * 'reexecute' when a rebase re-runs them on a newer history: then they are observations — they
 * always go in, and a retry that no longer holds becomes the next conflict instead of failing.
 */
import type { Command } from './command.js';
import {
  conflictsOf,
  type ConflictEvent,
  type ConflictRecord,
  type RecordConflictCommand,
  type ResolveConflictCommand,
} from './conflicts.js';
import { DomainError, KernelErrorCode, isDomainError } from './domain-error.js';
import type { DomainEvent } from './event.js';
import type { IdSource } from './ids.js';
import type { StreamRegistry } from './registry.js';
import type { AnyStreamDefinition } from './stream-definition.js';

export interface ConflictDecisionContext {
  readonly registry: StreamRegistry;
  readonly ids: IdSource;
  readonly definition: AnyStreamDefinition;
  /** The stream's domain state and version the decision is made on. */
  readonly state: unknown;
  readonly version: number;
  /** Every event of the stream as this build reads it (conflict events included). */
  readonly history: () => readonly DomainEvent[];
}

export interface ConflictDecision {
  readonly events: readonly DomainEvent[];
  readonly anomaly?: DomainError;
}

const conflicted = (data: Extract<ConflictEvent, { type: 'CommandConflicted' }>['data']): ConflictEvent => ({
  type: 'CommandConflicted',
  data,
});

/** The original command as a retry runs it: the resolver's id, time and person; the original's process. */
export const retryOf = (original: Command, resolution: ResolveConflictCommand): Command => ({
  commandId: resolution.commandId,
  type: original.type,
  streamId: original.streamId,
  payload: resolution.payload.payload ?? original.payload,
  schemaVersion: original.schemaVersion,
  issuedBy: resolution.issuedBy,
  issuedAt: resolution.issuedAt,
  processId: original.processId ?? original.commandId,
  predecessorId: original.commandId,
});

const openConflict = (context: ConflictDecisionContext, conflictId: string): ConflictRecord | 'missing' | 'resolved' => {
  const record = conflictsOf(context.history()).get(conflictId);
  if (!record) return 'missing';
  return record.resolution ? 'resolved' : record;
};

const decideRecord = (context: ConflictDecisionContext, command: RecordConflictCommand): ConflictDecision => {
  // Recorded once per stream, whoever repeats it (a second rebase, a restored backup).
  if (conflictsOf(context.history()).has(command.payload.conflictId)) return { events: [] };
  return { events: [conflicted(command.payload)] };
};

const decideResolve = (
  context: ConflictDecisionContext,
  command: ResolveConflictCommand,
  mode: 'execute' | 'reexecute',
): ConflictDecision => {
  const { conflictId, action } = command.payload;
  const found = openConflict(context, conflictId);
  if (found === 'missing' || found === 'resolved') {
    // On a rebase, someone else's resolution (or none to resolve) means there is nothing left to do.
    if (mode === 'reexecute') return { events: [] };
    throw found === 'missing'
      ? new DomainError(KernelErrorCode.CONFLICT_NOT_FOUND, `No conflict ${conflictId} on stream ${command.streamId}`)
      : new DomainError(KernelErrorCode.CONFLICT_ALREADY_RESOLVED, `Conflict ${conflictId} was already resolved`);
  }
  if (action === 'dismiss') {
    return {
      events: [{ type: 'ConflictResolved', data: { conflictId, action: 'dismiss', reason: command.payload.reason ?? '' } }],
    };
  }
  const retry = retryOf(found.command, command);
  const route = context.registry.routeCommand(retry.type);
  if (!route || route.definition.streamType !== context.definition.streamType) {
    throw new DomainError(KernelErrorCode.UNKNOWN_COMMAND, `${retry.type} is not a command of a ${context.definition.streamType} stream`);
  }
  const resolved: ConflictEvent = { type: 'ConflictResolved', data: { conflictId, action: 'retry', commandType: retry.type } };
  const { decider } = route.definition;
  try {
    return { events: [...decider.decide(context.state, retry), resolved] };
  } catch (error) {
    if (mode === 'execute' || !isDomainError(error)) throw error;
    // A rebase re-runs a retry that no longer holds: the person's decision still stands, and the
    // retried command is recorded (an observation, with its anomaly) or becomes the next conflict.
    if (route.spec.kind === 'observation' && route.definition.record && route.definition.flagAnomaly) {
      const facts = route.definition.record(context.state, retry);
      return { events: [...facts, route.definition.flagAnomaly(error, retry, context.state), resolved], anomaly: error };
    }
    if (route.definition.alreadyHolds?.(context.state, retry)) return { events: [resolved] };
    const next = conflicted({
      conflictId: context.ids.derive('conflict', retry.commandId),
      command: retry,
      error: { code: error.code, message: error.message },
      waiting: [],
      decidedOn: context.version,
    });
    return { events: [resolved, next] };
  }
};

export const decideConflictCommand = (
  context: ConflictDecisionContext,
  command: Command,
  mode: 'execute' | 'reexecute',
): ConflictDecision => {
  switch (command.type) {
    case 'RecordConflict':
      return decideRecord(context, command as RecordConflictCommand);
    case 'ResolveConflict':
      return decideResolve(context, command as ResolveConflictCommand, mode);
    default:
      throw new DomainError(KernelErrorCode.UNKNOWN_COMMAND, `Unknown command type ${command.type}`);
  }
};
