/**
 * The renderer's state of the desk itself: what the Bridge returned (desk.status, staff.list),
 * nothing derived on the side. Actions call the Bridge and then re-read, so what is shown is
 * always what the desk said last. Change notices (another window, the idle sign-out, a sync)
 * trigger the same re-read.
 *
 * `act` is the ONE way the renderer changes clinic data (commands, staff, PINs, sync settings,
 * conflicts): every such call goes through it, so what each call carries about the person on
 * screen is decided in one place.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChangeMethod, DeskArgs, DeskBridge, DeskResults, RpcError, RpcResponse, WithoutActing } from '../../shared/contract/desk-rpc.js';
import type { DeskStatus, StaffSummary } from '../../shared/contract/desk-views.js';
import { coalesced } from './coalesced.js';

/** What the screens read (every call that is neither a change nor the passive desk.status / staff.list). */
export type ReadMethod = 'board.day' | 'schedule.range' | 'patients.search' | 'patients.get' | 'visit.get' | 'visit.history' | 'visit.stateAt' | 'audit.query' | 'warnings.list' | 'sync.status' | 'sync.whoami' | 'conflicts.list';

/** Why the person on screen is no longer signed in, when the screen did not ask for it. */
export type SignedOutBecause = { readonly kind: 'idle'; readonly minutes: number } | { readonly kind: 'elsewhere' } | null;

export interface DeskState {
  readonly bridge: DeskBridge;
  /** `loading` until the first answer; `unreachable` when the desk could not be read at all. */
  readonly phase: 'loading' | 'ready' | 'unreachable';
  readonly status: DeskStatus | null;
  readonly staff: readonly StaffSummary[];
  /** The last refusal of a sign-in or set-up action, shown until the next one. */
  readonly error: RpcError | null;
  readonly busy: boolean;
  readonly signedOutBecause: SignedOutBecause;
  /** The quick staff switch is open (from the header, or from a refusal that asks to sign in again). */
  readonly switchOpen: boolean;
  readonly openSwitch: () => void;
  readonly closeSwitch: () => void;
  readonly refresh: () => Promise<void>;
  readonly signIn: (staffId: string, pin: string) => Promise<boolean>;
  /** Another person signs in at this desk (the quick switch); a refusal leaves the current one signed in. */
  readonly switchTo: (staffId: string, pin: string) => Promise<RpcError | null>;
  readonly signOut: () => Promise<void>;
  /** Registers the clinic's first manager, then signs them in with the same PIN. */
  readonly setUpFirstManager: (name: string, pin: string) => Promise<boolean>;
  readonly clearError: () => void;
  /** Reads for a screen (it counts as activity at the desk, as it does for the idle sign-out). */
  readonly read: <M extends ReadMethod>(method: M, args: DeskArgs<M>) => Promise<RpcResponse<DeskResults[M]>>;
  /**
   * Sends one call that changes clinic data, as the person the screen shows signed in: `act` adds
   * their `actingStaffId`, so a desk where someone else has signed in meanwhile refuses it
   * (SESSION_CHANGED) instead of recording it under the other person's name.
   */
  readonly act: <M extends ChangeMethod>(method: M, args: WithoutActing<DeskArgs<M>>) => Promise<RpcResponse<DeskResults[M]>>;
}

export type DeskStore = StoreApi<DeskState>;

export const createDeskStore = (bridge: DeskBridge): DeskStore =>
  createStore<DeskState>()((set, get) => {
    /** When this window last made a call that counts as activity (for the idle sign-out's words). */
    let lastActivity = Date.now();
    let signingOut = false;

    const refresh = async (): Promise<void> => {
      const [status, staff] = await Promise.all([bridge.invoke('desk.status', {}), bridge.invoke('staff.list', {})]);
      if (!status.ok) {
        set({ phase: 'unreachable', error: status.error });
        return;
      }
      const before = get().status?.session ?? null;
      const after = status.result.session;
      let signedOutBecause = get().signedOutBecause;
      if (after) signedOutBecause = null;
      else if (before && !signingOut) {
        signedOutBecause =
          Date.now() - lastActivity >= before.idleTimeoutMs - 1_000
            ? { kind: 'idle', minutes: Math.round(before.idleTimeoutMs / 60_000) }
            : { kind: 'elsewhere' };
      }
      set({ phase: 'ready', status: status.result, staff: staff.ok ? staff.result.items : get().staff, signedOutBecause });
    };

    /** Runs one sign-in or set-up step: busy while it runs, its refusal kept in `error`, then a re-read. */
    const step = async (run: () => Promise<RpcError | null>): Promise<boolean> => {
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

    const signInAs = async (staffId: string, pin: string): Promise<RpcError | null> => {
      lastActivity = Date.now();
      const answer = await bridge.invoke('session.signIn', { staffId, pin });
      return answer.ok ? null : answer.error;
    };

    const act = async <M extends ChangeMethod>(method: M, args: WithoutActing<DeskArgs<M>>): Promise<RpcResponse<DeskResults[M]>> => {
      lastActivity = Date.now();
      const shown = get().status?.session?.staffId;
      // Only the first manager's registration goes without one (no one can be signed in yet).
      const answer = await bridge.invoke(method, (shown === undefined ? args : { ...args, actingStaffId: shown }) as DeskArgs<M>);
      // A refusal because nobody (or someone else) is signed in: the screen must follow the desk.
      if (!answer.ok && (answer.error.code === 'NOT_SIGNED_IN' || answer.error.code === 'SESSION_CHANGED')) void refresh();
      return answer;
    };

    const read = async <M extends ReadMethod>(method: M, args: DeskArgs<M>): Promise<RpcResponse<DeskResults[M]>> => {
      if (method !== 'sync.status' && method !== 'conflicts.list') lastActivity = Date.now();
      const answer = await bridge.invoke(method, args);
      if (!answer.ok && answer.error.code === 'NOT_SIGNED_IN') void refresh();
      return answer;
    };

    return {
      bridge,
      read,
      phase: 'loading',
      status: null,
      staff: [],
      error: null,
      busy: false,
      signedOutBecause: null,
      switchOpen: false,
      openSwitch: () => set({ switchOpen: true }),
      closeSwitch: () => set({ switchOpen: false }),
      refresh,
      signIn: (staffId, pin) => step(() => signInAs(staffId, pin)),
      switchTo: async (staffId, pin) => {
        const error = await signInAs(staffId, pin);
        await refresh();
        return error;
      },
      signOut: async () => {
        signingOut = true;
        try {
          await step(async () => {
            const answer = await bridge.invoke('session.signOut', {});
            return answer.ok ? null : answer.error;
          });
        } finally {
          signingOut = false;
        }
      },
      setUpFirstManager: (name, pin) =>
        step(async () => {
          const registered = await act('staff.register', { name, role: 'manager', pin });
          if (!registered.ok) return registered.error;
          return signInAs(registered.result.streamId, pin);
        }),
      clearError: () => set({ error: null }),
      act,
    };
  });

/** How often a signed-in screen asks the desk whether the idle sign-out has happened (a passive call). */
export const SESSION_CHECK_MS = 30_000;

/** Keeps the store in step with the desk; returns the function that stops it. */
export const followChanges = (bridge: DeskBridge, store: DeskStore, sessionCheckMs = SESSION_CHECK_MS): (() => void) => {
  // A burst of notices (a catch-up's pages) costs one re-read in flight and at most one after it.
  const refresh = coalesced(() => store.getState().refresh());
  const stop = bridge.onChange((notice) => {
    if (notice.kind === 'session' || notice.kind === 'events') void refresh();
    // Before sign-in, desk.status is what tells a new desk's loading (its `loading` moves with sync);
    // signed-in screens follow sync.status instead.
    else if (notice.kind === 'sync' && !store.getState().status?.session) void refresh();
  });
  // The desk applies its idle sign-out when asked: desk.status (which does not count as
  // activity) asks, and its 'session' notice then reaches every window.
  const timer = setInterval(() => {
    if (store.getState().status?.session) void store.getState().refresh();
  }, sessionCheckMs);
  return () => {
    stop();
    clearInterval(timer);
  };
};
