/**
 * The renderer's state: what the Bridge returned, nothing derived on the side. Actions call the
 * Bridge and then re-read `desk.status` and `staff.list`, so what is shown is always what the desk
 * said last. Change notices (another window, the idle sign-out, a sync) trigger the same re-read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeskBridge, RpcError } from '../../shared/contract/desk-rpc.js';
import type { DeskStatus, StaffSummary } from '../../shared/contract/desk-views.js';

export interface DeskState {
  /** `loading` until the first answer; `unreachable` when the desk could not be read at all. */
  readonly phase: 'loading' | 'ready' | 'unreachable';
  readonly status: DeskStatus | null;
  readonly staff: readonly StaffSummary[];
  /** The last refusal of an action, shown until the next action. */
  readonly error: RpcError | null;
  readonly busy: boolean;
  readonly refresh: () => Promise<void>;
  readonly signIn: (staffId: string, pin: string) => Promise<boolean>;
  readonly signOut: () => Promise<void>;
  /** Registers the clinic's first manager, then signs them in with the same PIN. */
  readonly setUpFirstManager: (name: string, pin: string) => Promise<boolean>;
  readonly clearError: () => void;
}

export type DeskStore = StoreApi<DeskState>;

export const createDeskStore = (bridge: DeskBridge): DeskStore =>
  createStore<DeskState>()((set, get) => {
    const refresh = async (): Promise<void> => {
      const [status, staff] = await Promise.all([bridge.invoke('desk.status', {}), bridge.invoke('staff.list', {})]);
      if (!status.ok) {
        set({ phase: 'unreachable', error: status.error });
        return;
      }
      set({ phase: 'ready', status: status.result, staff: staff.ok ? staff.result.items : get().staff });
    };

    /** Runs one action: busy while it runs, its refusal kept in `error`, then a re-read. */
    const act = async (run: () => Promise<RpcError | null>): Promise<boolean> => {
      set({ busy: true, error: null });
      try {
        const error = await run();
        set({ error });
        await refresh();
        return error === null;
      } finally {
        set({ busy: false });
      }
    };

    const signIn = async (staffId: string, pin: string): Promise<RpcError | null> => {
      const answer = await bridge.invoke('session.signIn', { staffId, pin });
      return answer.ok ? null : answer.error;
    };

    return {
      phase: 'loading',
      status: null,
      staff: [],
      error: null,
      busy: false,
      refresh,
      signIn: (staffId, pin) => act(() => signIn(staffId, pin)),
      signOut: async () => {
        await act(async () => {
          const answer = await bridge.invoke('session.signOut', {});
          return answer.ok ? null : answer.error;
        });
      },
      setUpFirstManager: (name, pin) =>
        act(async () => {
          const registered = await bridge.invoke('staff.register', { name, role: 'manager', pin });
          if (!registered.ok) return registered.error;
          return signIn(registered.result.streamId, pin);
        }),
      clearError: () => set({ error: null }),
    };
  });

/** Keeps the store in step with the desk; returns the function that stops it. */
export const followChanges = (bridge: DeskBridge, store: DeskStore): (() => void) =>
  bridge.onChange((notice) => {
    if (notice.kind === 'session' || notice.kind === 'events') void store.getState().refresh();
  });
