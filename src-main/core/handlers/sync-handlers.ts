/**
 * Sync and conflicts as the screens see them. Conflicts are a read model over the events every
 * desk receives, so any desk lists them and any desk may resolve one — once: the resolution's
 * commandId is derived from the conflict.
 */
import { isClinicCommandName } from '../../../shared/clinic/permissions.js';
import { isExecutableCommandType, parseExecutablePayload } from '../../../shared/contract/desk-rpc.js';
import { describeIssues } from '../../../shared/contract/zod-issues.js';
import type { DeskContext, DeskHandlers } from '../desk-context.js';
import { deskError } from '../rpc-errors.js';
import { authorizeCommand, requireWritable } from './issue-command.js';
import { withManagerCount } from './manager-count.js';

type SyncMethods =
  | 'sync.status'
  | 'sync.now'
  | 'sync.configure'
  | 'sync.retryStream'
  | 'sync.whoami'
  | 'conflicts.list'
  | 'conflicts.resolve';

export const syncHandlers = (context: DeskContext): Pick<DeskHandlers, SyncMethods> => {
  const { sync, queries } = context;

  /** An edited retry payload is checked like the command it came from would be at command.execute. */
  const editedPayload = (type: string, payload: Record<string, unknown>): unknown => {
    if (!isExecutableCommandType(type)) {
      throw deskError('VALIDATION', `payload: a ${type} cannot be edited here; retry it unchanged or dismiss it`);
    }
    const parsed = parseExecutablePayload(type, payload);
    if (!parsed.success) throw deskError('VALIDATION', describeIssues(parsed.error.issues, { root: 'payload' }));
    return parsed.data;
  };

  return {
    'sync.status': () => sync.status(),
    'sync.now': async () => {
      if (context.hq.url() === null) throw deskError('SYNC_NOT_CONFIGURED', 'This desk is not connected to HQ (sync.configure)');
      await sync.syncNow();
      return sync.status();
    },
    'sync.configure': (args) => {
      context.hq.configure(args.hqUrl, args.token);
      sync.connect();
      return { hqUrl: args.hqUrl };
    },
    'sync.retryStream': (args) => {
      const listed = sync.status().quarantined.some((entry) => entry.streamId === args.streamId);
      if (!listed) throw deskError('NOT_FOUND', `Stream ${args.streamId} is not held back from sync`);
      sync.retryStream(args.streamId);
      return sync.status();
    },
    'sync.whoami': () => sync.whoami(),
    'conflicts.list': () => ({ items: queries.conflicts.list(context.now()) }),
    'conflicts.resolve': (args, actor) => {
      const conflict = queries.conflicts.get(args.conflictId);
      if (!conflict) throw deskError('CONFLICT_NOT_FOUND', `No conflict ${args.conflictId} on this desk`);
      if (conflict.status !== 'open') {
        throw deskError('CONFLICT_ALREADY_RESOLVED', `This conflict was already ${conflict.status} by ${conflict.resolution?.byName ?? 'another desk'}`);
      }
      if (!isClinicCommandName(conflict.command.type)) {
        throw deskError('STREAM_NEEDS_UPGRADE', `This conflict is about a ${conflict.command.type}, which a newer version of the app made: resolve it on an updated desk`);
      }
      // Resolving decides about that command: the person must be allowed to issue it.
      authorizeCommand(actor, conflict.command.type);
      const reason = args.reason?.trim();
      if (args.action === 'dismiss' && !reason) throw deskError('VALIDATION', 'reason: say why the conflict is dismissed');
      if (args.action === 'dismiss' && args.payload !== undefined) throw deskError('VALIDATION', 'payload: only a retry takes one');
      requireWritable(context, conflict.streamId);
      const edited = args.action === 'retry' && args.payload !== undefined ? editedPayload(conflict.command.type, args.payload) : undefined;
      // A retry is decided now: a staff removal says how many active managers the desk counts now.
      const payload =
        args.action === 'retry'
          ? withManagerCount(context.decisionReads.staff, conflict.command.type, (edited ?? conflict.command.payload) as object)
          : undefined;
      context.headspring.resolveConflict({
        streamId: conflict.streamId,
        conflictId: args.conflictId,
        action: args.action,
        ...(payload !== undefined && payload !== conflict.command.payload ? { payload } : {}),
        ...(reason ? { reason } : {}),
        issuedBy: actor.staffId,
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
