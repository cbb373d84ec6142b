/**
 * Conflicts, as facts on the stream they concern (docs/architecture.md, "Sync and rebase").
 *
 * When a rebase re-runs an intent that no longer holds, the desk records `CommandConflicted` on
 * that stream, carrying the whole original command and its error; any desk may later resolve it
 * once, which records `ConflictResolved` (after the retried command's own events, in the same
 * append). Both are events of every stream type, written by two kernel commands of their own —
 * RecordConflict and ResolveConflict — so they are deduplicated, synced and rebased like any
 * other command. Their ids are derived from the original commandId, so each happens once on
 * every desk however often a rebase or a person repeats it.
 *
 * Domain deciders never see these events: the registry folds them away (registry.ts).
 */
import type { Command } from './command.js';
import type { DomainEvent } from './event.js';

/** Schema versions of the kernel's own events, which every stream type may hold. */
export const CONFLICT_EVENTS = { CommandConflicted: 1, ConflictResolved: 1 } as const;
export type ConflictEventType = keyof typeof CONFLICT_EVENTS;

export interface ConflictRaised {
  readonly conflictId: string;
  /** The original command, whole: a retry runs it again (optionally edited). */
  readonly command: Command;
  readonly error: { readonly code: string; readonly message: string };
  /** commandIds of the later intents of this stream that wait for this conflict to be resolved. */
  readonly waiting: readonly string[];
  /** The stream version the command was first decided on: what changed since is what it clashed with. */
  readonly decidedOn: number;
}

export type ConflictResolution =
  | { readonly conflictId: string; readonly action: 'retry'; readonly commandType: string }
  | { readonly conflictId: string; readonly action: 'dismiss'; readonly reason: string };

export type ConflictEvent =
  | { readonly type: 'CommandConflicted'; readonly data: ConflictRaised }
  | { readonly type: 'ConflictResolved'; readonly data: ConflictResolution };

export const isConflictEventType = (type: string): type is ConflictEventType => Object.hasOwn(CONFLICT_EVENTS, type);

export const isConflictEvent = (event: DomainEvent): event is ConflictEvent => isConflictEventType(event.type);

/** The kernel's commands. Both are observations on a rebase: they record what a person saw or decided. */
export const CONFLICT_COMMANDS = { RecordConflict: 'RecordConflict', ResolveConflict: 'ResolveConflict' } as const;
export type ConflictCommandType = keyof typeof CONFLICT_COMMANDS;

export type RecordConflictCommand = Command<'RecordConflict', ConflictRaised>;

export interface ResolveConflictPayload {
  readonly conflictId: string;
  readonly action: 'retry' | 'dismiss';
  /** For retry: the original command's payload as edited by the person; absent means unchanged. */
  readonly payload?: unknown;
  /** For dismiss: why (required); for retry: optional note. */
  readonly reason?: string;
}
export type ResolveConflictCommand = Command<'ResolveConflict', ResolveConflictPayload>;

export const isConflictCommandType = (type: string): type is ConflictCommandType => Object.hasOwn(CONFLICT_COMMANDS, type);

/** What each derived id is for; the id source turns (purpose, seed) into the same UUID on every desk. */
export type DerivedIdPurpose = 'conflict' | 'conflict-command' | 'resolution';

/** One conflict as a stream's events tell it. */
export interface ConflictRecord extends ConflictRaised {
  readonly resolution: ConflictResolution | null;
}

/** The conflicts a stream holds, in the order they were raised. */
export const conflictsOf = (events: readonly DomainEvent[]): ReadonlyMap<string, ConflictRecord> => {
  const found = new Map<string, ConflictRecord>();
  for (const event of events) {
    if (!isConflictEvent(event)) continue;
    if (event.type === 'CommandConflicted') {
      if (!found.has(event.data.conflictId)) found.set(event.data.conflictId, { ...event.data, resolution: null });
    } else {
      const raised = found.get(event.data.conflictId);
      if (raised && !raised.resolution) found.set(event.data.conflictId, { ...raised, resolution: event.data });
    }
  }
  return found;
};
