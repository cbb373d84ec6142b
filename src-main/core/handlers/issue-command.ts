import { DomainError, type CommandInput } from '../../../shared/eventsourcing/index.js';
import { COMMAND_PERMISSIONS, type ClinicCommandName } from '../../../shared/clinic/permissions.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import type { Actor, DeskContext } from '../desk-context.js';

export interface IssueRequest {
  readonly commandId: string;
  readonly type: ClinicCommandName;
  readonly streamId?: string | undefined;
  readonly payload: unknown;
}

export const requireSignedIn = (actor: Actor | undefined): Actor => {
  if (!actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first');
  return actor;
};

export const requireRole = (actor: Actor | undefined, roles: readonly StaffRole[], what: string): Actor => {
  const signedIn = requireSignedIn(actor);
  if (!roles.includes(signedIn.role)) {
    throw new DomainError('FORBIDDEN', `${what} needs a ${roles.join(' or ')}; ${signedIn.name} is ${signedIn.role}`);
  }
  return signedIn;
};

/** The role table (shared/clinic/permissions.ts), checked before a command is made. */
export const authorizeCommand = (actor: Actor | undefined, type: ClinicCommandName): Actor => {
  const signedIn = requireSignedIn(actor);
  if (!COMMAND_PERMISSIONS[type].includes(signedIn.role)) {
    throw new DomainError('FORBIDDEN', `${type} is not allowed for ${signedIn.role} (${signedIn.name})`);
  }
  return signedIn;
};

/**
 * Stamps a command with the desk's clock and the actor and runs it through the Headspring; the
 * caller has authorized it. `actor: null` is the desk itself acting before anyone can sign in
 * (the clinic's first manager).
 */
export const issueCommand = (context: DeskContext, actor: Actor | null, request: IssueRequest) => {
  if (context.sync.journal.needsFullPull()) {
    throw new DomainError(
      'NEEDS_FULL_PULL',
      'This desk was restored from a backup and must pull everything from HQ before it takes commands',
    );
  }
  if (request.streamId !== undefined && context.store.events.hasSetAside(request.streamId)) {
    // Its set-aside commands re-run once the pull reaches HQ's head — or, for a stream holding an
    // event this build cannot read, once the app is updated.
    if (context.store.events.needsUpgrade(request.streamId)) {
      throw new DomainError('STREAM_NEEDS_UPGRADE', 'This record holds changes from a newer version of the app: update this desk to change it');
    }
    throw new DomainError('STREAM_SYNCING', 'This record is being brought up to date from HQ; try again in a moment');
  }
  const command: CommandInput = {
    commandId: request.commandId,
    type: request.type,
    ...(request.streamId !== undefined ? { streamId: request.streamId } : {}),
    payload: request.payload,
    schemaVersion: 1,
    issuedBy: actor ? actor.staffId : `device:${context.store.installationId}`,
    issuedAt: context.now().toISOString(),
  };
  const result = context.headspring.execute(command);
  if (!result.deduplicated) {
    context.notifyEvents([result.streamId]);
    context.sync.kick();
  }
  return result;
};
