import type { SyncStatus } from '../../../shared/contract/desk-views.js';
import type { DeskContext, DeskHandlers } from '../desk-context.js';
import { deskError } from '../rpc-errors.js';

type SyncMethods = 'sync.status' | 'sync.now' | 'sync.configure' | 'conflicts.list' | 'conflicts.resolve';

/**
 * Sync as far as this build goes: the desk keeps every event pending and stores where HQ is.
 * The sync worker (its own issue) will fill in pushes, pulls, conflicts; until then nothing here
 * pretends to have synced: sync.now says plainly that it cannot.
 */
export const syncHandlers = (context: DeskContext): Pick<DeskHandlers, SyncMethods> => {
  const status = (): SyncStatus => ({
    online: false,
    pending: context.store.events.countPending(),
    lastPushAt: null,
    lastPullAt: null,
    lastError: null,
    quarantined: [],
    conflicts: 0,
    clockSkewMs: null,
    hqUrl: context.hq.url(),
  });

  return {
    'sync.status': (_args) => {
      return status();
    },
    'sync.now': (_args) => {
      if (context.hq.url() === null) throw deskError('SYNC_NOT_CONFIGURED', 'This desk is not connected to HQ (sync.configure)');
      throw deskError(
        'SYNC_UNAVAILABLE',
        `This build has no sync worker yet; ${context.store.events.countPending()} event(s) are kept until it does`,
      );
    },
    'sync.configure': (args) => {
      context.hq.configure(args.hqUrl, args.token);
      return { hqUrl: args.hqUrl };
    },
    'conflicts.list': (_args) => {
      return { items: [] };
    },
    'conflicts.resolve': (args) => {
      throw deskError('NOT_FOUND', `No conflict ${args.conflictId} on this desk`);
    },
  };
};
