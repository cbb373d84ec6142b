import type { CommandInput } from '../../../shared/eventsourcing/index.js';
import { COMMAND_PERMISSIONS, type ClinicCommandName } from '../../../shared/clinic/permissions.js';
import type { Actor, DeskContext } from '../desk-context.js';
import { deskError } from '../rpc-errors.js';

export interface IssueRequest {
  readonly commandId: string;
  readonly type: ClinicCommandName;
  readonly streamId?: string | undefined;
  readonly payload: unknown;
}

/** The role table (shared/clinic/permissions.ts), checked before a command is made. */
export const authorizeCommand = (actor: Actor, type: ClinicCommandName): void => {
  if (!COMMAND_PERMISSIONS[type].includes(actor.role)) {
    throw deskError('FORBIDDEN', `${type} is not allowed for ${actor.role} (${actor.name})`);
  }
};

/**
 * Stamps a command with the desk's clock and the actor and runs it through the Headspring; the
 * caller has authorized it. `actor: null` is the desk itself acting before anyone can sign in
 * (the clinic's first manager).
 */
/** Whether the desk may change a stream now, sync-wise (every way a command is made checks it). */
export const requireWritable = (context: DeskContext, streamId: string | undefined): void => {
  // A restored backup connected to HQ first learns what the clinic did since (with no HQ there is
  // nothing to learn: the flag waits for the day it is connected, and its first pull).
  if (context.sync.journal.needsFullPull() && context.hq.url() !== null) {
    throw deskError(
      'NEEDS_FULL_PULL',
      'This desk was restored from a backup and must pull everything from HQ before it takes commands',
    );
  }
  // A new desk builds most read models once its first long catch-up is over (deferred-catch-up.ts):
  // a command decided meanwhile would be checked against lists that do not show the clinic yet.
  if (context.store.events.projections.deferred().length > 0) {
    throw deskError('LOADING_HISTORY', "This desk is still loading the clinic's history; it takes commands once that is done");
  }
  if (streamId !== undefined && context.store.events.hasSetAside(streamId)) {
    // Its set-aside commands re-run once the pull reaches HQ's head — or, for a stream holding an
    // event this build cannot read, once the app is updated.
    if (context.store.events.needsUpgrade(streamId)) {
      throw deskError('STREAM_NEEDS_UPGRADE', 'This record holds changes from a newer version of the app: update this desk to change it');
    }
    throw deskError('STREAM_SYNCING', 'This record is being brought up to date from HQ; try again in a moment');
  }
};

/**
 * Runs one command as one write transaction: what the desk reads to complete the request (a
 * function is called inside it), the sync checks, the dedupe, the decision and the append. The
 * reads see exactly what the append builds on, and SQLite takes its locks once per command
 * instead of once per statement. Change notices go out after the commit.
 */
export const issueCommand = (context: DeskContext, actor: Actor | null, request: IssueRequest | (() => IssueRequest)) => {
  const result = context.store.events.transaction(() => {
    const issued = typeof request === 'function' ? request() : request;
    requireWritable(context, issued.streamId);
    const command: CommandInput = {
      commandId: issued.commandId,
      type: issued.type,
      ...(issued.streamId !== undefined ? { streamId: issued.streamId } : {}),
      payload: issued.payload,
      schemaVersion: 1,
      issuedBy: actor ? actor.staffId : `device:${context.store.installationId}`,
      issuedAt: context.now().toISOString(),
    };
    return context.headspring.execute(command);
  });
  if (!result.deduplicated) {
    context.notifyEvents([result.streamId]);
    context.sync.kick();
  }
  return result;
};
