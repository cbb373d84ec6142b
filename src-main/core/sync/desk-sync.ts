/**
 * Sync as DeskCore owns it: the journal and the re-run of set-aside commands always (a desk that
 * was connected once may hold conflicts), and the worker from the moment the desk has an HQ
 * address and token until close(). Both hosts get it alike, through DeskCore.
 */
import type { ChangeNotice } from '../../../shared/contract/desk-rpc.js';
import type { HistoryLoading, HqIdentity, SyncStatus } from '../../../shared/contract/desk-views.js';
import {
  conflictsOf,
  createRerun,
  type IdSource,
  type Headspring,
  type Rerun,
  type StreamRegistry,
} from '../../../shared/eventsourcing/index.js';
import type { HqSettings } from '../hq-settings.js';
import type { DeskQueries } from '../queries/desk-queries.js';
import type { DeskStore } from '../store/desk-store.js';
import { startDeferredBuildThread, type BuildThreadEntry } from '../store/deferred-build-thread.js';
import { createHqClient, HqCallError } from './hq-client.js';
import { openSyncJournal, type SyncJournal } from './sync-journal.js';
import { createSyncWorker, type SyncTiming, type SyncWorker } from './sync-worker.js';

export interface DeskSync {
  readonly journal: SyncJournal;
  readonly rerun: Rerun;
  readonly status: () => SyncStatus;
  /** A new desk loading the clinic's history, and how far (only a worker's first pull defers: null without one). */
  readonly historyLoading: () => HistoryLoading | null;
  /** A command was recorded here. */
  readonly kick: () => void;
  readonly syncNow: () => Promise<void>;
  /** The address or token changed (sync.configure): starts the worker, or points it at them. */
  readonly connect: () => void;
  readonly isConnected: () => boolean;
  readonly retryStream: (streamId: string) => void;
  readonly whoami: () => Promise<HqIdentity>;
  readonly close: (timeoutMs: number) => Promise<void>;
}

export const createDeskSync = (options: {
  readonly store: DeskStore;
  readonly headspring: Headspring;
  readonly registry: StreamRegistry;
  readonly ids: IdSource;
  readonly hq: HqSettings;
  readonly queries: DeskQueries;
  readonly appVersion: string;
  readonly now: () => Date;
  readonly notify: (notice: ChangeNotice) => void;
  readonly timing?: Partial<SyncTiming>;
  readonly log?: (message: string, detail?: unknown) => void;
  /** The deferred build thread's code (store/deferred-build-thread.ts); absent: a joining desk builds on its own thread. */
  readonly buildThreadEntry?: BuildThreadEntry;
}): DeskSync => {
  const { store, hq, buildThreadEntry } = options;
  const journal = openSyncJournal(store.writer);
  const rerun = createRerun({ headspring: options.headspring, store: store.events, registry: options.registry, ids: options.ids, now: options.now });
  const connection = () => {
    const url = hq.url();
    const token = hq.token();
    return url !== null && token !== null ? { url, token } : null;
  };
  const isResolved = (streamId: string, conflictId: string): boolean => {
    const events = store.events.readStream(streamId).flatMap((envelope) => {
      const read = options.registry.read(envelope);
      return read.known ? [read.event] : [];
    });
    return Boolean(conflictsOf(events).get(conflictId)?.resolution);
  };
  let worker: SyncWorker | undefined;

  const start = (): SyncWorker | undefined => {
    if (worker || connection() === null) return worker;
    worker = createSyncWorker({
      events: store.events,
      reader: store.reader,
      journal,
      rerun,
      installationId: store.installationId,
      appVersion: options.appVersion,
      connection,
      tokenStorage: hq.tokenKeptIn,
      openConflicts: () => options.queries.conflicts.openCount(),
      isResolved,
      now: options.now,
      notify: options.notify,
      ...(options.timing ? { timing: options.timing } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(buildThreadEntry ? { startBuildThread: (slice: number, onProgress: (done: number, total: number) => void) =>
        startDeferredBuildThread({
          entry: buildThreadEntry,
          file: store.file,
          slice,
          onProgress,
          onLateFailure: (error) => options.log?.('sync: the thread that built the read models failed after the desk took them (its checkpoint of the WAL; the desk checkpoints it later)', error),
          ...(store.nativeBinding ? { nativeBinding: store.nativeBinding } : {}),
        }) } : {}),
    });
    return worker;
  };
  start();

  const idle = (): SyncStatus => ({
    state: 'not-configured',
    online: false,
    pending: store.events.countPending(),
    lastPushAt: null,
    lastPullAt: null,
    lastError: null,
    quarantined: journal.quarantineView(store.reader),
    conflicts: options.queries.conflicts.openCount(),
    clockSkewMs: null,
    clockWarning: false,
    tokenStorage: null,
    loadingHistory: false,
    needsRebind: false,
    waitingForUpdate: [],
    hqUrl: hq.url(),
  });

  return {
    journal,
    rerun,
    status: () => worker?.status() ?? idle(),
    historyLoading: () => worker?.historyLoading() ?? null,
    kick: () => worker?.kick(),
    syncNow: async () => {
      await start()?.syncNow();
    },
    connect: () => {
      if (worker) worker.reconfigure();
      else start();
    },
    isConnected: () => worker !== undefined,
    retryStream: (streamId) => {
      if (worker) {
        worker.retryStream(streamId);
        return;
      }
      store.events.setAsidePending(streamId);
      rerun.setAside(streamId);
      journal.release(streamId);
    },
    whoami: async () => {
      const target = connection();
      const base = { installationId: store.installationId, hqUrl: hq.url() };
      if (!target) return { ...base, hq: null, error: null };
      try {
        const answer = await createHqClient({ ...target, now: () => options.now().getTime() }).whoami();
        return {
          ...base,
          hq: {
            tenantId: answer.tenantId,
            tenantName: answer.tenantName,
            deviceId: answer.deviceId,
            deviceName: answer.name,
            scope: answer.scope,
            boundInstallationId: answer.installationId ?? null,
            lowestActiveAppVersion: answer.lowestActiveAppVersion,
          },
          error: null,
        };
      } catch (error) {
        if (!(error instanceof HqCallError)) throw error;
        return { ...base, hq: null, error: error.message };
      }
    },
    close: async (timeoutMs) => {
      await worker?.close(timeoutMs);
    },
  };
};
