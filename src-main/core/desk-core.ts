/**
 * DeskCore: the desk's one implementation of the desk RPC contract, used by both hosts (Electron
 * IPC and the browser host). Every call: known method? → arguments parsed by the shared zod
 * contract → signed in where needed → handler → `{ ok, result }` or `{ ok: false, error }`.
 * Nothing runs on arguments that failed to parse, so bad input never changes state.
 */
import path from 'node:path';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import {
  isChangeMethod,
  isDeskMethod,
  isPublicMethod,
  METHOD_ACCESS,
  parseDeskArgs,
  type ChangeNotice,
  type DeskMethod,
  type DeskResults,
  type MethodAccess,
  type RpcError,
  type RpcResponse,
} from '../../shared/contract/desk-rpc.js';
import { describeIssues } from '../../shared/contract/zod-issues.js';
import { createHeadspring } from '../../shared/eventsourcing/index.js';
import { actingStaffRefusal } from './acting-staff.js';
import { deskPrefixOf } from './chart-numbers.js';
import type { DeskCore, DeskCoreOptions } from './desk-core-api.js';
import type { Actor, ActorFor, DecisionReads, DeskContext, DeskHandlers, ScriptedCall } from './desk-context.js';
import { createDeskSession, DEFAULT_IDLE_TIMEOUT_MS } from './desk-session.js';
import { demoDayMiddle, seedDemoClinic } from './demo/demo-seed.js';
import { commandHandler } from './handlers/command-handler.js';
import { readHandlers } from './handlers/read-handlers.js';
import { sessionHandlers } from './handlers/session-handlers.js';
import { syncHandlers } from './handlers/sync-handlers.js';
import { hqSettings } from './hq-settings.js';
import { uuidV7 } from './ids.js';
import { createDeskQueries } from './queries/desk-queries.js';
import { clinicDayOf } from './read-models/clinic-time.js';
import { patientQueries } from './queries/patient-search.js';
import { staffDirectory } from './queries/staff-directory.js';
import { deskProjections } from './read-models/index.js';
import { restoreManagerWith } from './restore-manager.js';
import { rpcErrorOf } from './rpc-errors.js';
import { openDeskStore } from './store/desk-store.js';
import { createDeskSync } from './sync/desk-sync.js';

export type { DeskCore, DeskCoreOptions, SecretStore } from './desk-core-api.js';

/** How long close() tries to push what is pending before it closes anyway. */
const DEFAULT_CLOSE_SYNC_MS = 3_000;

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
  const session = createDeskSession({ db: store.writer, now, idleTimeoutMs, onChange: () => notify({ kind: 'session' }) });
  const queries = createDeskQueries(store.reader);
  const decisionReads: DecisionReads = { staff: staffDirectory(store.writer), patients: patientQueries(store.writer) };
  /** The signed-in staff member as the staff read model has them now; deactivation signs out. */
  const currentActor = (): Actor | undefined => {
    const signedIn = session.current();
    if (!signedIn) return undefined;
    const staff = decisionReads.staff.get(signedIn.staffId);
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
  const hq = hqSettings(store.writer, options.secrets);
  // The worker starts now when the desk already has an HQ address and token, else at sync.configure.
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
    buildThreadEntry: { file: options.deferredBuildEntry ?? path.join(import.meta.dirname, 'deferred-build-entry.ts') },
    log: (message, detail) => (detail === undefined ? console.warn(message) : console.warn(message, detail)),
  });
  const context: DeskContext = {
    options,
    store,
    headspring,
    queries,
    decisionReads,
    session,
    ids: uuidV7,
    now,
    deskPrefix: deskPrefixOf(store.installationId),
    hq,
    sync,
    currentActor,
    notifyEvents: (streamIds) => notify({ kind: 'events', position: store.events.lastPosition(), streamIds: [...streamIds] }),
  };
  const handlersOf = (within: DeskContext): DeskHandlers => ({
    ...sessionHandlers(within),
    ...commandHandler(within),
    ...readHandlers(within),
    ...syncHandlers(within),
  });
  const handlers = handlersOf(context);

  // Tell the renderer when the idle timeout signs someone out, not only at their next call.
  const idleCheck = setInterval(() => session.current(), Math.min(15_000, Math.max(1_000, idleTimeoutMs / 4)));
  idleCheck.unref();

  /**
   * Who may call a method (METHOD_ACCESS), checked once for every handler: a refusal, or the
   * actor the method's handler runs for.
   */
  const admit = <M extends DeskMethod>(method: M, actor: Actor | undefined): { refusal: RpcError } | { actor: ActorFor<M> } => {
    // A public method's handler takes the actor as it is, maybe nobody (ActorFor<PublicMethod>).
    if (isPublicMethod(method)) return { actor: actor as ActorFor<M> };
    if (!actor) return { refusal: { code: 'NOT_SIGNED_IN', message: 'Sign in first' } };
    const access: MethodAccess = METHOD_ACCESS[method];
    if (typeof access === 'object' && !access.roles.includes(actor.role)) {
      return { refusal: { code: 'FORBIDDEN', message: `${access.what} needs a ${access.roles.join(' or ')}; ${actor.name} is ${actor.role}` } };
    }
    return { actor };
  };

  /** The one path of every call, whoever makes it: parse the args, admit the caller, run the handler. */
  const run = async <M extends DeskMethod>(
    using: DeskHandlers,
    method: M,
    rawArgs: unknown,
    actor: Actor | undefined,
  ): Promise<RpcResponse<DeskResults[M]>> => {
    try {
      const parsed = parseDeskArgs(method, rawArgs ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: describeIssues(parsed.error.issues) } };
      const admitted = admit(method, actor);
      if ('refusal' in admitted) return { ok: false, error: admitted.refusal };
      if (isChangeMethod(method)) {
        // A change is made for the person its screen showed, never for whoever signed in since.
        const refusal = actingStaffRefusal((parsed.data as { readonly actingStaffId?: string }).actingStaffId, actor);
        if (refusal) throw refusal;
      }
      // Only a person's change keeps the desk signed in (METHOD_KIND): reads and polls are what
      // screens repeat on their own after every change notice, and sync delivers those all day.
      if (actor && isChangeMethod(method)) session.touch();
      const handler: DeskHandlers[M] = using[method];
      return { ok: true, result: await handler(parsed.data, admitted.actor) };
    } catch (error) {
      return { ok: false, error: rpcErrorOf(error, (message, detail) => console.error(message, detail)) };
    }
  };

  /** A call from a host runs for whoever is signed in now, at the clock's time. */
  const dispatch = <M extends DeskMethod>(method: M, rawArgs: unknown): Promise<RpcResponse<DeskResults[M]>> =>
    run(handlers, method, rawArgs, currentActor());

  /**
   * Calls DeskCore scripts itself (the demo seed) take the same path, as a staff member of its
   * choosing (or nobody) and at a time of its choosing instead of the session's person and the
   * clock: the same parsing, admission, role table, references and chart numbers as the renderer's.
   */
  const scripted = (): ScriptedCall => {
    let as: { readonly actor: Actor | undefined; readonly at: Date } = { actor: undefined, at: now() };
    const scriptedHandlers = handlersOf({ ...context, now: () => as.at, currentActor: () => as.actor });
    const actorOf = (staffId: string, at: Date): Actor => {
      const staff = queries.staff.get(staffId);
      if (!staff) throw new Error(`no staff member ${staffId} to act as`);
      return { staffId, name: staff.name, role: staff.role, signedInAt: at.toISOString(), idleTimeoutMs };
    };
    return async (method, args, who) => {
      as = { actor: who.staffId === undefined ? undefined : actorOf(who.staffId, who.at), at: who.at };
      const answer = await run(scriptedHandlers, method, args, as.actor);
      if (!answer.ok) throw new Error(`${method} was refused: ${answer.error.code} ${answer.error.message}`);
      return answer.result;
    };
  };

  try {
    if (options.demo && store.events.lastPosition() === 0) await seedDemoClinic(scripted(), demoDayMiddle(now()));
    if (options.hq) {
      hq.configure(options.hq.url, options.hq.token);
      sync.connect();
    }
  } catch (error) {
    // A desk that failed to open leaves nothing running behind it.
    clearInterval(idleCheck);
    await sync.close(0);
    store.close();
    throw error;
  }

  // The first clinic day worked out creates the runtime's time-zone formatter (ICU loads its
  // data: ~40 ms): done while the desk waits for its first sign-in, not in the first board.day.
  const warmUp = setTimeout(() => clinicDayOf(now(), queries.clinic().timeZone), 0);
  warmUp.unref();

  function invoke<M extends DeskMethod>(method: M, args: unknown): Promise<RpcResponse<DeskResults[M]>>;
  function invoke(method: string, args: unknown): Promise<RpcResponse<unknown>>;
  function invoke(method: string, args: unknown): Promise<RpcResponse<unknown>> {
    if (!isDeskMethod(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `No desk method ${String(method).slice(0, 80)}` } });
    }
    return dispatch(method, args);
  }

  let closed = false;
  return {
    installationId: store.installationId,
    dataDir: options.dataDir,
    invoke,
    backup: (file) => store.backup(file),
    restoreManager: restoreManagerWith(context),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async (closeOptions) => {
      if (closed) return;
      closed = true;
      clearInterval(idleCheck);
      clearTimeout(warmUp);
      // A last push within the bounded time; whatever does not make it stays pending, safe in the store.
      await sync.close(closeOptions?.syncTimeoutMs ?? DEFAULT_CLOSE_SYNC_MS);
      listeners.clear();
      store.close();
    },
  };
};
