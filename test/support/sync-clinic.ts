/**
 * A clinic for sync tests: a real HQ process on SQLite (`npm run hq -- serve`), its tenancy
 * managed in this process on the same database (as the CLI would), and desks — real DeskCores on
 * their own data folders — connected to HQ directly or through a fault proxy of their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DeskMethod, DeskResults, RpcError } from '../../shared/contract/desk-rpc.js';
import type { PushResponse } from '../../shared/contract/sync-protocol.js';
import type { EventEnvelope, EventMeta } from '../../shared/eventsourcing/index.js';
import { openDeskCore, type DeskCore } from '../../src-main/core/desk-core.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { envelopeOf, EVENT_COLUMNS, type EventRow } from '../../src-main/core/store/event-rows.js';
import type { SyncTiming } from '../../src-main/core/sync/sync-worker.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import { createTenancy, type Tenancy } from '../../src-server/tenancy/tenancy.js';
import { asSignedInScreen, memorySecrets, type CallArgs } from './desk-harness.js';
import { startFaultProxy, type FaultChoice, type FaultProxy } from './fault-proxy.js';
import { push } from './hq-client.js';
import { startHqProcess, type HqProcess } from './hq-process.js';
import { tempDir } from './tab-desk.js';
import { parsePulledEvents } from '../../src-server/log/pulled-event.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';

/** Short timings so faults heal within a test's seconds; the logic is the production one. */
export const TEST_SYNC_TIMING: Partial<SyncTiming> = {
  debounceMs: 10,
  longPollMs: 1_500,
  requestTimeoutMs: 2_000,
  backoff: { firstMs: 50, maxMs: 400, maxRetryAfterMs: 1_000 },
};

export interface SyncDesk {
  readonly name: string;
  readonly core: DeskCore;
  readonly dataDir: string;
  readonly deviceId: string;
  readonly token: string;
  readonly proxy: FaultProxy | null;
  /** A call as the signed-in person's screen would make it (asSignedInScreen); throws on a refusal. */
  readonly call: <M extends DeskMethod>(method: M, args: CallArgs<M>) => Promise<DeskResults[M]>;
  /** The same, answering the envelope. */
  readonly invoke: (method: string, args: unknown) => Promise<{ ok: true; result: unknown } | { ok: false; error: RpcError }>;
  /** Every live event of the desk, per stream, in version order. */
  readonly streams: () => Map<string, readonly EventEnvelope[]>;
  /** Events not yet at HQ plus commands still set aside: 0 once everything settled. */
  readonly unsettled: () => number;
  /** HQ's position this desk has pulled through (its sync checkpoint). */
  readonly pulledThrough: () => number;
  readonly close: () => Promise<void>;
}

export interface SyncClinic {
  readonly hq: HqProcess;
  readonly hqDataDir: string;
  readonly tenantId: string;
  /** Opens HQ's store in this process for one piece of work (as the CLI does beside a serve). */
  readonly withStore: <T>(work: (store: HqStore, tenancy: Tenancy) => Promise<T>) => Promise<T>;
  /** A new desk device of the clinic, as `device add` makes it. */
  readonly addDevice: (name: string) => Promise<{ readonly deviceId: string; readonly token: string }>;
  readonly addDesk: (
    name: string,
    options?: {
      readonly proxy?: boolean;
      /** The proxy's fault from before the desk opens (its first requests included). */
      readonly proxyFault?: FaultChoice;
      readonly dataDir?: string;
      readonly demo?: boolean;
      readonly deviceId?: string;
      readonly token?: string;
      readonly appVersion?: string;
      /** The desk's clock (sessions, stamps); sync's own timers run on real time. */
      readonly now?: () => Date;
      /** The deferred build thread's code (DeskCoreOptions.deferredBuildEntry). */
      readonly deferredBuildEntry?: string;
    },
  ) => Promise<SyncDesk>;
  /** Every event HQ holds for the clinic, per stream, in version order. */
  readonly hqStreams: () => Promise<Map<string, readonly EventEnvelope[]>>;
  readonly restartHq: () => Promise<void>;
  /** Stops HQ; `startHq` starts it again on the same port and data folder (a restore in between). */
  readonly stopHq: () => Promise<void>;
  readonly startHq: () => Promise<void>;
  /** HQ's database files copied aside while HQ is stopped (what a nightly file backup holds); answers the copy's folder. */
  readonly backUpHq: () => Promise<string>;
  /**
   * HQ's disk put back from that copy while HQ is stopped: the same files, so the same log id,
   * unless `newLogId` (a restore that makes HQ's log a new one).
   */
  readonly restoreHq: (saved: string, options?: { readonly newLogId?: boolean }) => Promise<void>;
  /** Pushes envelopes as another device would (a newer app, a raw client). */
  readonly pushRaw: (token: string, installationId: string, events: readonly EventEnvelope[], basis?: Readonly<Record<string, string>>) => Promise<PushResponse>;
  readonly close: () => Promise<void>;
}

/** HQ's SQLite database: the file and its WAL and shared-memory companions. */
const HQ_FILES = ['hq.db', 'hq.db-wal', 'hq.db-shm'];

const byStream = (events: readonly EventEnvelope[]): Map<string, readonly EventEnvelope[]> => {
  const streams = new Map<string, EventEnvelope[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  for (const list of streams.values()) list.sort((a, b) => a.version - b.version);
  return new Map([...streams.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
};

/** The envelope as synced: HQ's own fields (tenantId, serverPosition, receivedAt) left out. */
export const comparable = (event: EventEnvelope): EventEnvelope => {
  const { tenantId: _tenant, ...rest } = event as EventEnvelope & { serverPosition?: number; receivedAt?: string };
  const { serverPosition: _position, receivedAt: _received, ...envelope } = rest as typeof rest & { serverPosition?: number; receivedAt?: string };
  return envelope;
};

/** A real HQ process on SQLite that several clinics (tenants) may share. */
export interface HqHost {
  readonly url: () => string;
  readonly dataDir: string;
  /** Opens HQ's store in this process for one piece of work (as the CLI does beside a serve). */
  readonly withStore: <T>(work: (store: HqStore, tenancy: Tenancy) => Promise<T>) => Promise<T>;
  readonly stop: () => Promise<void>;
  /** SIGKILL, mid-whatever it was doing. */
  readonly kill: () => Promise<void>;
  /** Starts it again on the same port and data folder. */
  readonly start: () => Promise<void>;
  readonly process: () => HqProcess;
}

/**
 * `logLevel` info makes HQ log each push with its counts per status, which a test may read in hq.logs.
 * `serveArgs`: more of `hq serve`'s options (a smaller --max-pull-bytes), kept across restarts.
 */
export const startHqHost = async (options: { readonly logLevel?: string; readonly serveArgs?: readonly string[] } = {}): Promise<HqHost> => {
  const dataDir = tempDir('sync-hq');
  const logLevel = options.logLevel ?? 'warn';
  const extraArgs = options.serveArgs ?? [];
  let hq = await startHqProcess({ args: ['--data', dataDir], env: {} }, { logLevel, extraArgs });
  const port = Number(new URL(hq.url).port);
  let running = true;
  return {
    url: () => hq.url,
    dataDir,
    withStore: async (work) => {
      const store = openSqliteHqStore(dataDir);
      try {
        return await work(store, createTenancy(store));
      } finally {
        await store.close();
      }
    },
    stop: async () => {
      if (!running) return;
      running = false;
      await hq.stop();
    },
    kill: async () => {
      if (!running) return;
      running = false;
      await hq.kill();
    },
    start: async () => {
      if (running) return;
      hq = await startHqProcess({ args: ['--data', dataDir, '--port', String(port)], env: {} }, { logLevel, extraArgs });
      running = true;
    },
    process: () => hq,
  };
};

export const startSyncClinic = async (options: { readonly timing?: Partial<SyncTiming>; readonly host?: HqHost } = {}): Promise<SyncClinic> => {
  const host = options.host ?? (await startHqHost());
  const hqDataDir = host.dataDir;
  const { withStore } = host;
  const { tenantId } = await withStore((_store, tenancy) => tenancy.addTenant('테스트 피부과'));
  const addDevice = (name: string) =>
    withStore(async (_store, tenancy) => {
      const issued = await tenancy.addDevice({ tenantId, name, scope: 'desk' });
      return { deviceId: issued.device.deviceId, token: issued.token };
    });
  const desks: SyncDesk[] = [];
  const proxies: FaultProxy[] = [];
  const port = (): number => Number(new URL(host.url()).port);

  const addDesk: SyncClinic['addDesk'] = async (name, deskOptions = {}) => {
    const device = deskOptions.deviceId && deskOptions.token ? { deviceId: deskOptions.deviceId, token: deskOptions.token } : await addDevice(name);
    const proxy = deskOptions.proxy ? await startFaultProxy({ host: '127.0.0.1', port: port() }) : null;
    if (proxy) proxies.push(proxy);
    if (proxy && deskOptions.proxyFault) proxy.setFault(deskOptions.proxyFault);
    const dataDir = deskOptions.dataDir ?? tempDir(`sync-desk-${name}`);
    const core = await openDeskCore({
      dataDir,
      appVersion: deskOptions.appVersion ?? '0.1.0',
      secrets: memorySecrets(),
      hq: { url: proxy ? proxy.url : host.url(), token: device.token },
      syncTiming: { ...TEST_SYNC_TIMING, ...options.timing },
      ...(deskOptions.demo ? { demo: true } : {}),
      ...(deskOptions.now ? { now: deskOptions.now } : {}),
      ...(deskOptions.deferredBuildEntry ? { deferredBuildEntry: deskOptions.deferredBuildEntry } : {}),
    });
    const desk: SyncDesk = {
      name,
      core,
      dataDir,
      ...device,
      proxy,
      call: async (method, args) => {
        const response = await core.invoke(method, await asSignedInScreen(core, method, args));
        if (!response.ok) throw new Error(`${name}: ${method} failed: ${response.error.code} ${response.error.message}`);
        return response.result as never;
      },
      invoke: async (method, args) => core.invoke(method, await asSignedInScreen(core, method, args)),
      streams: () => byStream(readLiveEvents(dataDir)),
      unsettled: () => countUnsettled(dataDir),
      pulledThrough: () => readPulledThrough(dataDir),
      close: async () => {
        await core.close({ syncTimeoutMs: 0 });
        const index = desks.indexOf(desk);
        if (index >= 0) desks.splice(index, 1);
      },
    };
    desks.push(desk);
    return desk;
  };

  return {
    get hq() {
      return host.process();
    },
    hqDataDir,
    tenantId,
    withStore,
    addDevice,
    addDesk,
    hqStreams: async () => {
      const events: EventEnvelope[] = [];
      await withStore(async (store) => {
        for (let after = 0; ; ) {
          const page = await store.readEvents(tenantId, after, 1000, DEFAULT_LIMITS.maxPullBytes);
          if (page.events.count === 0) break;
          events.push(...parsePulledEvents(page.events).map(comparable));
          after = page.events.lastPosition ?? after;
        }
      });
      return byStream(events);
    },
    restartHq: async () => {
      await host.stop();
      await host.start();
    },
    stopHq: host.stop,
    startHq: host.start,
    backUpHq: async () => {
      const saved = tempDir('hq-backup');
      await host.stop();
      for (const file of HQ_FILES) {
        if (fs.existsSync(path.join(hqDataDir, file))) fs.copyFileSync(path.join(hqDataDir, file), path.join(saved, file));
      }
      await host.start();
      return saved;
    },
    restoreHq: async (saved, restoreOptions = {}) => {
      await host.stop();
      for (const file of HQ_FILES) {
        fs.rmSync(path.join(hqDataDir, file), { force: true });
        if (fs.existsSync(path.join(saved, file))) fs.copyFileSync(path.join(saved, file), path.join(hqDataDir, file));
      }
      if (restoreOptions.newLogId) {
        const db = new Database(path.join(hqDataDir, 'hq.db'));
        try {
          db.prepare('UPDATE log_identity SET log_id = ?').run(uuidV7.newId());
        } finally {
          db.close();
        }
      }
      await host.start();
    },
    pushRaw: async (token, installationId, events, basis) => {
      const reply = await push(host.url(), token, { deviceId: installationId, appVersion: '0.9.0', ...(basis ? { basis } : {}), events });
      if (reply.status !== 200) throw new Error(`push answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    close: async () => {
      for (const desk of [...desks]) await desk.close();
      for (const proxy of proxies) await proxy.close();
      if (!options.host) await host.stop();
    },
  };
};

/** Another device of the clinic writing as a raw client (a newer app, another build) behind HQ's head of one stream. */
export interface DeviceAtHead {
  readonly token: string;
  /** The installation id it pushes as. */
  readonly installationId: string;
  /** HQ's last event of the stream when the device was added. */
  readonly head: EventEnvelope;
  /** The meta of an event this device raises (app 0.9.0, now), on the head's. */
  readonly meta: (ids: Pick<EventMeta, 'commandId' | 'processId' | 'predecessorId'>) => EventMeta;
  /** Pushes one event right after the head (the head's version + 1, the head as basis). */
  readonly appendToHead: (event: Pick<EventEnvelope, 'type' | 'schemaVersion' | 'data' | 'meta'>) => Promise<PushResponse>;
  readonly push: (events: readonly EventEnvelope[], basis?: Readonly<Record<string, string>>) => Promise<PushResponse>;
}

/** A new device of the clinic and HQ's head of `streamId` (which HQ must hold). */
export const deviceAtHead = async (clinic: SyncClinic, name: string, streamId: string): Promise<DeviceAtHead> => {
  const { token } = await clinic.addDevice(name);
  const head = ((await clinic.hqStreams()).get(streamId) ?? []).at(-1);
  if (!head) throw new Error(`no stream ${streamId} at HQ`);
  const installationId = uuidV7.newId();
  const push: DeviceAtHead['push'] = (events, basis) => clinic.pushRaw(token, installationId, events, basis);
  return {
    token,
    installationId,
    head,
    meta: (ids) => ({ ...head.meta, ...ids, deviceId: installationId, appVersion: '0.9.0', raisedAt: new Date().toISOString() }),
    appendToHead: (event) => push([{ ...head, eventId: uuidV7.newId(), version: head.version + 1, ...event }], { [streamId]: head.eventId }),
    push,
  };
};

/** The live log of a desk's data folder, read beside the running desk (WAL allows a reader). */
export const readLiveEvents = (dataDir: string): EventEnvelope[] => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE sync_state <> 'set-aside' ORDER BY position`)
      .all()
      .map(envelopeOf);
  } finally {
    db.close();
  }
};

/**
 * The "poison event": one event of a desk's store given a meta field HQ's contract does not know,
 * as an old build would have written it, so HQ answers `rejected` (INVALID_ENVELOPE) and the desk
 * quarantines its stream. Written beside the desk (WAL allows it); the event is named by id or as
 * the newest of a type.
 */
export const recordAsOldBuild = (dataDir: string, which: { readonly eventId: string } | { readonly newestOfType: string }): { eventId: string; streamId: string } => {
  const db = new Database(path.join(dataDir, 'desk.db'), { timeout: 5_000, fileMustExist: true });
  try {
    const row = ('eventId' in which
      ? db.prepare('SELECT event_id AS eventId, stream_id AS streamId FROM events WHERE event_id = ?').get(which.eventId)
      : db.prepare('SELECT event_id AS eventId, stream_id AS streamId FROM events WHERE type = ? ORDER BY position DESC LIMIT 1').get(which.newestOfType)) as
      | { eventId: string; streamId: string }
      | undefined;
    if (!row) throw new Error(`no ${'eventId' in which ? `event ${which.eventId}` : `${which.newestOfType} event`} in ${dataDir}`);
    db.prepare("UPDATE events SET meta = json_set(meta, '$.builtBy', 'old') WHERE event_id = ?").run(row.eventId);
    return row;
  } finally {
    db.close();
  }
};

export const countUnsettled = (dataDir: string): number => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    const pending = db.prepare("SELECT count(*) FROM events WHERE sync_state = 'pending'").pluck().get() as number;
    const aside = db.prepare("SELECT count(*) FROM commands WHERE status = 'set-aside'").pluck().get() as number;
    return pending + aside;
  } finally {
    db.close();
  }
};

/** No read model deferred (projection_state's -1): a joining desk's build is over. */
const readModelsBuilt = (dataDir: string): boolean => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM projection_state WHERE version < 0').pluck().get() === 0;
  } finally {
    db.close();
  }
};

const readPulledThrough = (dataDir: string): number => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare("SELECT value FROM store_meta WHERE key = 'hq_checkpoint'").pluck().get() ?? 0);
  } finally {
    db.close();
  }
};

/**
 * Waits until every desk has settled: nothing of it waits for HQ (pending events, set-aside
 * commands). It says HQ holds their events, not that any desk has pulled another's: a desk may
 * be offline or paused meanwhile. Before a desk acts on, or a test reads, what another desk did,
 * wait for `inSync`.
 */
export const settle = async (...desks: readonly SyncDesk[]): Promise<void> => {
  await eventually(() => desks.every((desk) => desk.unsettled() === 0), 10_000, `${desks.map((desk) => desk.name).join(', ')} settled`);
};

/** HQ's head for the clinic: the newest serverPosition it holds (0 before the first event). */
export const hqHead = (clinic: Pick<SyncClinic, 'withStore' | 'tenantId'>): Promise<number> =>
  clinic.withStore(async (store) => (await store.listTenants()).find((tenant) => tenant.tenantId === clinic.tenantId)?.head ?? 0);

/**
 * Waits until every desk is in sync with HQ: settled (nothing of it waits for HQ), pulled through
 * HQ's head (so it holds every other desk's events HQ had then) and its read models built (a
 * joining desk's deferred ones included). Needs every desk on line; for a desk kept offline or
 * paused on purpose, `settle` is the wait. A desk is named by its data folder (read beside it, as
 * a browser host's too).
 */
export const inSync = async (clinic: Pick<SyncClinic, 'withStore' | 'tenantId'>, desks: readonly Pick<SyncDesk, 'name' | 'dataDir'>[], timeoutMs = 10_000): Promise<void> => {
  await eventually(
    async () => {
      // Settled first: HQ's head read after it covers every desk's own events.
      if (!desks.every((desk) => countUnsettled(desk.dataDir) === 0)) return false;
      const head = await hqHead(clinic);
      return desks.every((desk) => readPulledThrough(desk.dataDir) >= head && readModelsBuilt(desk.dataDir));
    },
    timeoutMs,
    `${desks.map((desk) => desk.name).join(', ')} in sync with HQ`,
  );
};

/** Polls until `check` passes (it throws or returns false until then), for at most `timeoutMs`. */
export const eventually = async (check: () => boolean | Promise<boolean | void> | void, timeoutMs = 10_000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return;
      last = new Error(`${what} not met`);
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(String(last));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
