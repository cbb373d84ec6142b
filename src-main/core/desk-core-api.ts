/**
 * What the hosts (Electron main, browser host) see of the desk: one object with the desk RPC
 * contract behind `invoke`. Both hosts check only their transport (who is calling, which method);
 * DeskCore parses every argument with the shared zod contract, once, before anything runs.
 */
import type { ChangeNotice, DeskMethod, DeskResults, RpcResponse } from '../../shared/contract/desk-rpc.js';
import type { RestoredManager } from './restore-manager.js';
import type { SyncTiming } from './sync/sync-worker.js';

/** Where secrets at rest are kept: the HQ token. Electron uses safeStorage; the browser host a 0600 file. */
export interface SecretStore {
  readonly load: (name: string) => string | null;
  /** `null` deletes. */
  readonly save: (name: string, value: string | null) => void;
  /**
   * Where a saved secret is kept: the OS key store, a private file, or (no key store) memory for
   * this session only — sync.status shows it, so a manager knows the token must be given again.
   */
  readonly keptIn: (name: string) => 'keystore' | 'file' | 'session' | null;
}

export interface DeskCoreOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly secrets: SecretStore;
  /** better_sqlite3.node built for Electron's ABI; the Node build is used when absent. */
  readonly nativeBinding?: string;
  /** Seed a demo clinic (staff, patients, a day of visits) into an empty data folder. */
  readonly demo?: boolean;
  /** HQ address and token from the command line; otherwise what sync.configure stored. */
  readonly hq?: { readonly url: string; readonly token: string };
  /** Signs the desk out after this long without a call (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  /** The clock; tests pass a fake one. */
  readonly now?: () => Date;
  /** Sync timings (debounce, long-poll, backoff); tests shorten them. */
  readonly syncTiming?: Partial<SyncTiming>;
  /**
   * The code of the thread that builds a joining desk's read models while it pulls: the Electron
   * app's bundled `out/deferred-build/deferred-build.cjs`; absent, the source (deferred-build-entry.ts) run
   * through tsx, as under Node.
   */
  readonly deferredBuildEntry?: string;
}

export interface DeskCore {
  readonly installationId: string;
  readonly dataDir: string;
  /**
   * Runs one RPC method on arguments as they arrived (DeskCore parses them); never throws: every
   * failure is an `{ ok: false, error }` envelope. A method of the contract is typed end to end;
   * any other string (the wire can carry one) is answered UNKNOWN_METHOD.
   */
  readonly invoke: DeskCoreInvoke;
  /**
   * An online backup of the desk's database to one file. Restored (put in a data folder of its
   * own), it is a new installation that pulls everything from HQ before it takes a command.
   */
  readonly backup: (file: string) => Promise<void>;
  /**
   * Makes a staff member an active manager again when the clinic has none (two offline desks each
   * removed one), as this desk (`device:<installationId>`), audited and synced like any event.
   * Throws a refusal (VALIDATION, NOT_FOUND, FORBIDDEN while a manager is active). Only the desk
   * machine's command line calls it (`npm run desk -- restore-manager`): it is not an RPC method,
   * so no host offers it to a renderer.
   */
  readonly restoreManager: (staffId: string, reason: string) => RestoredManager;
  /** Subscribes to change notices; returns the unsubscribe function. */
  readonly onChange: (listener: (notice: ChangeNotice) => void) => () => void;
  /** A last push of pending events bounded in time (default 3 s), then a clean close of the store. */
  readonly close: (options?: { readonly syncTimeoutMs?: number }) => Promise<void>;
}

export interface DeskCoreInvoke {
  <M extends DeskMethod>(method: M, args: unknown): Promise<RpcResponse<DeskResults[M]>>;
  (method: string, args: unknown): Promise<RpcResponse<unknown>>;
}
