import type { Command } from './command.js';
import type { EventEnvelope } from './event.js';

/**
 * Where a command ended up. A rebase sets a 'done' command aside and re-runs it: it is 'done'
 * again, or it becomes a 'conflict', or (a later intent of the same stream) it is 'waiting' for
 * that conflict to be resolved. A done command with no events (fromVersion = toVersion + 1) found
 * its effect already there.
 */
export type CommandOutcome =
  | { readonly status: 'done'; readonly streamId: string; readonly fromVersion: number; readonly toVersion: number }
  | { readonly status: 'conflict'; readonly streamId: string; readonly conflictId: string }
  | { readonly status: 'waiting'; readonly streamId: string; readonly conflictId: string }
  | { readonly status: 'set-aside'; readonly streamId: string };

/** One row of the command log, keyed by commandId. */
export interface CommandRecord {
  readonly commandId: string;
  readonly command: Command;
  readonly outcome: CommandOutcome;
}

export interface StreamHead {
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  /** With version, tells whether a state computed earlier is still current. */
  readonly lastEventId: string;
}

export interface StoredSnapshot {
  readonly streamId: string;
  readonly version: number;
  readonly schemaVersion: number;
  readonly state: unknown;
}

/** One command's write: events, command-log row and snapshot land together or not at all. */
export interface AppendRequest {
  readonly streamId: string;
  readonly streamType: string;
  /** The stream's version the decision was made on; 0 for a new stream. */
  readonly expectedVersion: number;
  readonly events: readonly EventEnvelope[];
  readonly record: CommandRecord;
  /** 'insert' for a new command; 'replace' when rebase re-runs a command already in the log. */
  readonly recordMode: 'insert' | 'replace';
  readonly snapshot?: StoredSnapshot;
}

/** Thrown by append when the stream moved on since the decision: the loop re-runs. */
export class VersionClash extends Error {
  override readonly name = 'VersionClash';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
  }
}

/** Thrown by append when another writer recorded the same commandId first. */
export class CommandAlreadyRecorded extends Error {
  override readonly name = 'CommandAlreadyRecorded';
  constructor(readonly commandId: string) {
    super(`Command ${commandId} is already recorded`);
  }
}

/**
 * The port the Headspring needs. It is synchronous on purpose: the desk store is better-sqlite3,
 * whose transactions are synchronous, and a command's whole write must be one transaction.
 */
export interface EventStore {
  readonly streamHead: (streamId: string) => StreamHead | undefined;
  /** Events of a stream in version order, after `afterVersion` (default 0) up to `toVersion`. */
  readonly readStream: (
    streamId: string,
    range?: { readonly afterVersion?: number; readonly toVersion?: number },
  ) => readonly EventEnvelope[];
  /** The newest snapshot at or below `maxVersion` (default: the newest). */
  readonly latestSnapshot: (streamId: string, maxVersion?: number) => StoredSnapshot | undefined;
  readonly findCommand: (commandId: string) => CommandRecord | undefined;
  /** Atomic: throws VersionClash or CommandAlreadyRecorded and then writes nothing. */
  readonly append: (request: AppendRequest) => void;
}
