/**
 * DeskCore: the desk's one implementation of the desk RPC contract, used by both hosts (Electron
 * IPC and the browser host). Every call: known method? → arguments parsed by the shared zod
 * contract → signed in where needed → handler → `{ ok, result }` or `{ ok: false, error }`.
 * Nothing runs on arguments that failed to parse, so bad input never changes state.
 */
import { clinicRegistry } from '../../shared/clinic/registry.js';
import {
  deskRpcArgs,
  isDeskMethod,
  PUBLIC_METHODS,
  type ChangeNotice,
  type DeskMethod,
  type RpcResponse,
} from '../../shared/contract/desk-rpc.js';
import { createHeadspring } from '../../shared/eventsourcing/index.js';
import { deskPrefixOf } from './chart-numbers.js';
import type { DeskCore, DeskCoreOptions } from './desk-core-api.js';
import type { Actor, DeskContext, DeskHandlers } from './desk-context.js';
import { createDeskSession, DEFAULT_IDLE_TIMEOUT_MS } from './desk-session.js';
import { seedDemoClinic } from './demo/demo-seed.js';
import { commandHandler } from './handlers/command-handler.js';
import { readHandlers } from './handlers/read-handlers.js';
import { sessionHandlers } from './handlers/session-handlers.js';
import { syncHandlers } from './handlers/sync-handlers.js';
import { hqSettings } from './hq-settings.js';
import { uuidV7 } from './ids.js';
import { createDeskQueries } from './queries/desk-queries.js';
import { deskProjections } from './read-models/index.js';
import { rpcErrorOf, validationMessage } from './rpc-errors.js';
import { openDeskStore } from './store/desk-store.js';
import { createDeskSync } from './sync/desk-sync.js';

export type { DeskCore, DeskCoreOptions, SecretStore } from './desk-core-api.js';

/** How long close() tries to push what is pending before it closes anyway. */
const DEFAULT_CLOSE_SYNC_MS = 3_000;

/** Calls a UI makes on its own (polling) do not count as a person being active at the desk. */
const PASSIVE_METHODS: ReadonlySet<DeskMethod> = new Set(['desk.status', 'sync.status', 'conflicts.list']);

export const openDeskCore = async (options: DeskCoreOptions): Promise<DeskCore> => {
  const now = options.now ?? (() => new Date());
  const store = openDeskStore({
    dataDir: options.dataDir,
    registry: clinicRegistry,
    projections: deskProjections,
    ids: uuidV7,
    now,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const notify = (notice: ChangeNotice): void => {
    for (const listener of listeners) {
      try {
        listener(notice);
      } catch (error) {
        console.error('desk: a change listener failed', error);
      }
    }
  };
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const session = createDeskSession({ db: store.events.db, now, idleTimeoutMs, onChange: () => notify({ kind: 'session' }) });
  const queries = createDeskQueries(store.reader);
  /** The signed-in staff member as the staff read model has them now; deactivation signs out. */
  const currentActor = (): Actor | undefined => {
    const signedIn = session.current();
    if (!signedIn) return undefined;
    const staff = queries.staff.get(signedIn.staffId);
    if (!staff?.active) {
      session.signOut();
      return undefined;
    }
    return { ...signedIn, name: staff.name, role: staff.role };
  };

  const headspring = createHeadspring({
    store: store.events,
    registry: clinicRegistry,
    ids: uuidV7,
    origin: { deviceId: store.installationId, appVersion: options.appVersion },
  });
  const hq = hqSettings(store.events.db, options.secrets);
  if (options.hq) hq.configure(options.hq.url, options.hq.token);
  const sync = createDeskSync({
    store,
    headspring,
    registry: clinicRegistry,
    ids: uuidV7,
    hq,
    queries,
    appVersion: options.appVersion,
    now,
    notify,
    ...(options.syncTiming ? { timing: options.syncTiming } : {}),
    log: (message, detail) => (detail === undefined ? console.warn(message) : console.warn(message, detail)),
  });
  const context: DeskContext = {
    options,
    store,
    headspring,
    queries,
    session,
    ids: uuidV7,
    now,
    deskPrefix: deskPrefixOf(store.installationId),
    hq,
    sync,
    currentActor,
    notifyEvents: (streamIds) => notify({ kind: 'events', position: store.events.lastPosition(), streamIds: [...streamIds] }),
  };
  const handlers: DeskHandlers = {
    ...sessionHandlers(context),
    ...commandHandler(context),
    ...readHandlers(context),
    ...syncHandlers(context),
  };

  try {
    if (options.demo && store.events.lastPosition() === 0) await seedDemoClinic(context);
  } catch (error) {
    await sync.close(0);
    store.close();
    throw error;
  }

  // Tell the renderer when the idle timeout signs someone out, not only at their next call.
  const idleCheck = setInterval(() => session.current(), Math.min(15_000, Math.max(1_000, idleTimeoutMs / 4)));
  idleCheck.unref();

  const invoke = async (method: string, rawArgs: unknown): Promise<RpcResponse<unknown>> => {
    try {
      if (!isDeskMethod(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No desk method ${String(method).slice(0, 80)}` } };
      }
      const parsed = deskRpcArgs[method].safeParse(rawArgs ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: validationMessage(parsed.error) } };
      const actor = currentActor();
      if (!actor && !PUBLIC_METHODS.includes(method)) {
        return { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in first' } };
      }
      if (actor && !PASSIVE_METHODS.has(method)) session.touch();
      const handler = handlers[method] as (args: unknown, actor: Actor | undefined) => unknown;
      return { ok: true, result: await handler(parsed.data, actor) };
    } catch (error) {
      return { ok: false, error: rpcErrorOf(error, (message, detail) => console.error(message, detail)) };
    }
  };

  let closed = false;
  return {
    installationId: store.installationId,
    dataDir: options.dataDir,
    invoke,
    backup: (file) => store.backup(file),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async (closeOptions) => {
      if (closed) return;
      closed = true;
      clearInterval(idleCheck);
      // A last push within the bounded time; whatever does not make it stays pending, safe in the store.
      await sync.close(closeOptions?.syncTimeoutMs ?? DEFAULT_CLOSE_SYNC_MS);
      listeners.clear();
      store.close();
    },
  };
};
