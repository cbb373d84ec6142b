/**
 * Where sync stands and the clinic's conflicts, as the desk last said (sync.status,
 * conflicts.list): what the header badge, the conflicts inbox and the settings read. `sync` and
 * `events` change notices re-read them (a conflict is made and resolved by events; pending counts
 * and the connection move with sync). Reads are coalesced: a burst of notices costs one read in
 * flight and at most one after it. Changes go through the desk store's `act`, like every change.
 *
 * One store per desk store, made on first use: the badge is in the header and the inbox in the
 * navigation, and both must show the same numbers.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChangeNotice, RpcError, RpcResponse } from '../../shared/contract/desk-rpc.js';
import type { Conflict, SyncStatus } from '../../shared/contract/desk-views.js';
import { coalesced } from './coalesced.js';
import type { DeskStore } from './desk-store.js';
import { useDeskStore } from './use-desk.js';

export type Resolution = { readonly action: 'retry'; readonly payload?: Record<string, unknown> } | { readonly action: 'dismiss'; readonly reason: string };

export interface SyncState {
  readonly status: SyncStatus | null;
  readonly statusError: RpcError | null;
  /** Null until the inbox (or the badge's count) asked once. */
  readonly conflicts: readonly Conflict[] | null;
  readonly conflictsError: RpcError | null;
  readonly load: () => Promise<void>;
  readonly follow: (notice: ChangeNotice) => void;
  /** One pull and push round at once; answers the refusal, if any. */
  readonly syncNow: () => Promise<RpcError | null>;
  readonly resolve: (conflictId: string, resolution: Resolution) => Promise<RpcError | null>;
  readonly retryStream: (streamId: string) => Promise<RpcError | null>;
  readonly configure: (hqUrl: string, token: string) => Promise<RpcError | null>;
}

export type SyncStore = StoreApi<SyncState>;

const refusalOf = (answer: RpcResponse<unknown>): RpcError | null => (answer.ok ? null : answer.error);

export const createSyncStore = (desk: DeskStore): SyncStore =>
  createStore<SyncState>()((set, get) => {
    const readAll = async (): Promise<void> => {
      // Sync and conflicts are for signed-in people; before sign-in there is nothing to show.
      if (!desk.getState().status?.session) return;
      const { read } = desk.getState();
      const [status, conflicts] = await Promise.all([read('sync.status', {}), read('conflicts.list', {})]);
      set({
        status: status.ok ? status.result : get().status,
        statusError: status.ok ? null : status.error,
        conflicts: conflicts.ok ? conflicts.result.items : get().conflicts,
        conflictsError: conflicts.ok ? null : conflicts.error,
      });
    };

    const load = coalesced(readAll);

    /** A change, then a fresh read so the screen shows what the desk holds now. */
    const change = async (send: () => Promise<RpcResponse<unknown>>): Promise<RpcError | null> => {
      const refusal = refusalOf(await send());
      await load();
      return refusal;
    };

    return {
      status: null,
      statusError: null,
      conflicts: null,
      conflictsError: null,
      load,
      follow: (notice) => {
        if (notice.kind === 'sync' || notice.kind === 'events') void load();
      },
      syncNow: async () => {
        const answer = await desk.getState().bridge.invoke('sync.now', {});
        if (answer.ok) set({ status: answer.result, statusError: null });
        await load();
        return refusalOf(answer);
      },
      resolve: (conflictId, resolution) =>
        change(() =>
          desk
            .getState()
            .act(
              'conflicts.resolve',
              resolution.action === 'retry'
                ? { conflictId, action: 'retry', ...(resolution.payload ? { payload: resolution.payload } : {}) }
                : { conflictId, action: 'dismiss', reason: resolution.reason },
            ),
        ),
      retryStream: (streamId) => change(() => desk.getState().act('sync.retryStream', { streamId })),
      configure: (hqUrl, token) => change(() => desk.getState().act('sync.configure', { hqUrl, token })),
    };
  });

/** The sync store of a desk store: one each, so every part of the frame shows the same numbers. */
const stores = new WeakMap<DeskStore, SyncStore>();
export const syncStoreOf = (desk: DeskStore): SyncStore => {
  let store = stores.get(desk);
  if (!store) {
    store = createSyncStore(desk);
    stores.set(desk, store);
  }
  return store;
};

export const useSyncStore = (): SyncStore => syncStoreOf(useDeskStore());

export const useSync = <T>(select: (state: SyncState) => T): T => useStore(useSyncStore(), select);

/**
 * Keeps the sync store in step with the desk while the calling component is shown (the header
 * badge, always there once someone is signed in): reads now and whenever the signed-in person
 * changes, and follows change notices.
 */
export const useFollowSync = (): void => {
  const desk = useDeskStore();
  const sync = syncStoreOf(desk);
  const staffId = useStore(desk, (state) => state.status?.session?.staffId ?? null);
  useEffect(() => {
    if (!staffId) return;
    void sync.getState().load();
    return desk.getState().bridge.onChange((notice) => sync.getState().follow(notice));
  }, [desk, sync, staffId]);
};
