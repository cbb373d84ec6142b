/**
 * Sync and conflicts as the screens see them. Conflicts are a read model over the events every
 * desk receives, so any desk lists them and any desk may resolve one — once: the resolution's
 * commandId is derived from the conflict.
 */
import { CommandExecuteArgs, isExecutableCommandType } from '../../../shared/contract/desk-rpc.js';
import { DomainError } from '../../../shared/eventsourcing/index.js';
import type { DeskContext, DeskHandlers } from '../desk-context.js';
import { validationMessage } from '../rpc-errors.js';
import { authorizeCommand, requireRole, requireSignedIn } from './issue-command.js';
import type { ClinicCommandName } from '../../../shared/clinic/permissions.js';

type SyncMethods = 'sync.status' | 'sync.now' | 'sync.configure' | 'sync.retryStream' | 'conflicts.list' | 'conflicts.resolve';

export const syncHandlers = (context: DeskContext): Pick<DeskHandlers, SyncMethods> => {
  const { sync, queries } = context;

  /** An edited retry payload is checked like the command it came from would be at command.execute. */
  const editedPayload = (type: string, payload: Record<string, unknown>): unknown => {
    if (!isExecutableCommandType(type)) {
      throw new DomainError('VALIDATION', `payload: a ${type} cannot be edited here; retry it unchanged or dismiss it`);
    }
    const parsed = CommandExecuteArgs.safeParse({ type, payload });
    if (!parsed.success) throw new DomainError('VALIDATION', validationMessage(parsed.error));
    return parsed.data.payload;
  };

  return {
    'sync.status': (_args, actor) => {
      requireSignedIn(actor);
      return sync.status();
    },
    'sync.now': async (_args, actor) => {
      requireSignedIn(actor);
      if (context.hq.url() === null) throw new DomainError('SYNC_NOT_CONFIGURED', 'This desk is not connected to HQ (sync.configure)');
      await sync.syncNow();
      return sync.status();
    },
    'sync.configure': (args, actor) => {
      requireRole(actor, ['manager'], 'Connecting the desk to HQ');
      context.hq.configure(args.hqUrl, args.token);
      sync.connect();
      return { hqUrl: args.hqUrl };
    },
    'sync.retryStream': (args, actor) => {
      requireRole(actor, ['manager'], 'Releasing a stream HQ refused');
      const listed = sync.status().quarantined.some((entry) => entry.streamId === args.streamId);
      if (!listed) throw new DomainError('NOT_FOUND', `Stream ${args.streamId} is not held back from sync`);
      sync.retryStream(args.streamId);
      return sync.status();
    },
    'conflicts.list': (_args, actor) => {
      requireSignedIn(actor);
      return { items: queries.conflicts.list(context.now()) };
    },
    'conflicts.resolve': (args, actor) => {
      const signedIn = requireSignedIn(actor);
      const conflict = queries.conflicts.get(args.conflictId);
      if (!conflict) throw new DomainError('CONFLICT_NOT_FOUND', `No conflict ${args.conflictId} on this desk`);
      if (conflict.status !== 'open') {
        throw new DomainError('CONFLICT_ALREADY_RESOLVED', `This conflict was already ${conflict.status} by ${conflict.resolution?.byName ?? 'another desk'}`);
      }
      // Resolving decides about that command: the person must be allowed to issue it.
      authorizeCommand(signedIn, conflict.command.type as ClinicCommandName);
      const reason = args.reason?.trim();
      if (args.action === 'dismiss' && !reason) throw new DomainError('VALIDATION', 'reason: say why the conflict is dismissed');
      if (args.action === 'dismiss' && args.payload !== undefined) throw new DomainError('VALIDATION', 'payload: only a retry takes one');
      if (context.store.events.hasSetAside(conflict.streamId)) {
        throw new DomainError('STREAM_SYNCING', 'This record is being brought up to date from HQ; try again in a moment');
      }
      const payload = args.action === 'retry' && args.payload !== undefined ? editedPayload(conflict.command.type, args.payload) : undefined;
      context.headspring.resolveConflict({
        streamId: conflict.streamId,
        conflictId: args.conflictId,
        action: args.action,
        ...(payload !== undefined ? { payload } : {}),
        ...(reason ? { reason } : {}),
        issuedBy: signedIn.staffId,
        issuedAt: context.now().toISOString(),
      });
      // The intents this desk kept waiting behind it run now, in order.
      sync.rerun.released(conflict.streamId, args.conflictId);
      context.notifyEvents([conflict.streamId]);
      sync.kick();
      return { conflictId: args.conflictId, status: args.action === 'retry' ? 'retried' : 'dismissed' };
    },
  };
};
