/**
 * The second half of a rebase: re-running a stream's set-aside commands on the history the desk
 * now holds (docs/architecture.md, "Sync and rebase"). The first half — setting the stream's
 * pending events aside and inserting HQ's events — happens in the store, in the transaction of
 * the pulled page; this half runs only once the pull has reached HQ's head, so every command is
 * decided against the whole remote history, never part of it.
 *
 * Each command, in the order it first ran, in a transaction of its own:
 *   - the stream already holds events of this commandId (its earlier delivery, rebased elsewhere
 *     or before a restore)      → done with those events; it never runs twice
 *   - an intent behind a conflict raised earlier in this run → waiting (never re-run ahead of it)
 *   - otherwise reexecute: observations always go in (with an anomaly where a rule broke); an
 *     intent whose effect already holds is done with no events; an intent that no longer holds
 *     becomes a conflict — CommandConflicted recorded by a command of its own, derived from the
 *     original commandId — and the later intents of the stream wait behind it.
 * Resolving a conflict (here or on any desk) releases its waiting intents, which run the same way.
 */
import type { Command } from './command.js';
import type { RecordConflictCommand } from './conflicts.js';
import { conflictsOf, isConflictCommandType } from './conflicts.js';
import { isDomainError } from './domain-error.js';
import type { CommandOutcome, EventStore } from './event-store.js';
import type { EventEnvelope } from './event.js';
import type { Headspring } from './headspring.js';
import type { IdSource } from './ids.js';
import type { StreamRegistry } from './registry.js';

/** What re-running needs from a store beyond the Headspring's port. */
export interface RerunStore extends EventStore {
  readonly transaction: <T>(fn: () => T) => T;
  /** The stream's commands with this status (and conflict, for waiting ones) in the order they first ran. */
  readonly unsettledCommands: (streamId: string, status: 'set-aside' | 'waiting', conflictId?: string) => readonly Command[];
  /** The versions of the stream's live events raised by this command, when it has any. */
  readonly versionsOfCommand: (streamId: string, commandId: string) => { readonly fromVersion: number; readonly toVersion: number } | undefined;
  readonly settleCommand: (commandId: string, outcome: CommandOutcome) => void;
  /**
   * The set-aside events of a command that directly follow its live ones (stored in the same
   * append): the part of it HQ never got. Empty when its live events are a whole delivery.
   */
  readonly undeliveredRest: (streamId: string, commandId: string) => readonly EventEnvelope[];
  /** The version a set-aside command was last decided on (its first set-aside event's version − 1). */
  readonly setAsideBase: (streamId: string, commandId: string) => number | undefined;
  /** True when the stream holds an event this build cannot read: its commands stay aside. */
  readonly needsUpgrade: (streamId: string) => boolean;
}

export type RerunOutcome =
  | { readonly commandId: string; readonly status: 'done'; readonly events: number; readonly anomaly?: string }
  | { readonly commandId: string; readonly status: 'already-recorded' }
  | { readonly commandId: string; readonly status: 'conflict'; readonly conflictId: string; readonly code: string }
  | { readonly commandId: string; readonly status: 'waiting'; readonly conflictId: string };

export interface RerunReport {
  readonly streamId: string;
  /** True when the stream needs a newer app: nothing was re-run. */
  readonly waitingForUpgrade: boolean;
  readonly outcomes: readonly RerunOutcome[];
}

export interface Rerun {
  /** Re-runs the stream's set-aside commands. */
  readonly setAside: (streamId: string) => RerunReport;
  /** Re-runs the intents that waited for this (now resolved) conflict. */
  readonly released: (streamId: string, conflictId: string) => RerunReport;
}

export const createRerun = (options: {
  readonly headspring: Headspring;
  readonly store: RerunStore;
  readonly registry: StreamRegistry;
  readonly ids: IdSource;
  /** The desk's clock, for when a conflict is recorded. */
  readonly now: () => Date;
}): Rerun => {
  const { headspring, store, registry, ids } = options;

  const isIntent = (command: Command): boolean =>
    !isConflictCommandType(command.type) && registry.routeCommand(command.type)?.spec.kind === 'intent';

  /**
   * Which conflict each intent waits behind: the open conflicts of the stream name their waiting
   * intents. Read from the stream, not kept in memory, so a re-run cut short by a crash never lets
   * an intent run ahead of the conflict it waits for.
   */
  const waitingBehindOpenConflicts = (streamId: string): Map<string, string> => {
    const behind = new Map<string, string>();
    const history = store.readStream(streamId).flatMap((envelope) => {
      const read = registry.read(envelope);
      return read.known ? [read.event] : [];
    });
    for (const record of conflictsOf(history).values()) {
      if (record.resolution) continue;
      for (const commandId of record.waiting) behind.set(commandId, record.conflictId);
    }
    return behind;
  };

  const run = (streamId: string, commands: readonly Command[]): RerunReport => {
    if (store.needsUpgrade(streamId)) return { streamId, waitingForUpgrade: true, outcomes: [] };
    const outcomes: RerunOutcome[] = [];
    const behind = waitingBehindOpenConflicts(streamId);
    commands.forEach((command, index) => {
      outcomes.push(
        store.transaction((): RerunOutcome => {
          const existing = store.versionsOfCommand(streamId, command.commandId);
          if (existing) {
            // Half delivered (an HQ that took part of a batch): the rest goes in, as decided then.
            const rest = store.undeliveredRest(streamId, command.commandId).flatMap((envelope) => {
              const read = registry.read(envelope);
              return read.known ? [read.event] : [];
            });
            if (rest.length > 0) {
              const result = headspring.resume(command, rest);
              return { commandId: command.commandId, status: 'done', events: result.events.length };
            }
            store.settleCommand(command.commandId, { status: 'done', streamId, ...existing });
            return { commandId: command.commandId, status: 'already-recorded' };
          }
          const conflictAhead = behind.get(command.commandId);
          if (conflictAhead !== undefined && isIntent(command)) {
            store.settleCommand(command.commandId, { status: 'waiting', streamId, conflictId: conflictAhead });
            return { commandId: command.commandId, status: 'waiting', conflictId: conflictAhead };
          }
          try {
            const result = headspring.reexecute(command);
            return {
              commandId: command.commandId,
              status: 'done',
              events: result.events.length,
              ...(result.anomaly ? { anomaly: result.anomaly.code } : {}),
            };
          } catch (error) {
            if (!isDomainError(error)) throw error;
            const conflictId = ids.derive('conflict', command.commandId);
            const decidedOn = store.setAsideBase(streamId, command.commandId) ?? store.streamHead(streamId)?.version ?? 0;
            const waiting = commands.slice(index + 1).filter(isIntent).map((later) => later.commandId);
            const record: Omit<RecordConflictCommand, 'streamId'> & { streamId: string } = {
              commandId: ids.derive('conflict-command', command.commandId),
              type: 'RecordConflict',
              streamId,
              payload: { conflictId, command, error: { code: error.code, message: error.message }, waiting, decidedOn },
              schemaVersion: 1,
              issuedBy: command.issuedBy,
              issuedAt: options.now().toISOString(),
              processId: command.processId ?? command.commandId,
              predecessorId: command.commandId,
            };
            headspring.execute(record);
            store.settleCommand(command.commandId, { status: 'conflict', streamId, conflictId });
            for (const later of waiting) behind.set(later, conflictId);
            return { commandId: command.commandId, status: 'conflict', conflictId, code: error.code };
          }
        }),
      );
    });
    return { streamId, waitingForUpgrade: false, outcomes };
  };

  return {
    setAside: (streamId) => run(streamId, store.unsettledCommands(streamId, 'set-aside')),
    released: (streamId, conflictId) => run(streamId, store.unsettledCommands(streamId, 'waiting', conflictId)),
  };
};
