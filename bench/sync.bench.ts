/**
 * The sync worker end to end, on an HQ process over loopback HTTP, for SQLite and PostgreSQL:
 *   drain     — a desk with 50,000 pending events delivers them (events/s, time to converge);
 *   catch-up  — a new desk of the clinic pulls them all with its read models (events/s);
 *   propagate — an event made on desk A shows in desk B's read model, both online (p50/p95);
 *   commands  — command.execute on a desk while it applies a 50,000-event catch-up (p50/p99).
 * Beside each rate: the raw 500-row insert rate of the same database, measured in the same run.
 * Goals: drain >= 10,000 events/s, propagation p95 < 2 s, command p99 during catch-up < 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDeskCore, type DeskCore } from '../src-main/core/desk-core.js';
import { openPostgresHqStore } from '../src-server/store/postgres/postgres-hq-store.js';
import { openSqliteHqStore } from '../src-server/store/sqlite/sqlite-hq-store.js';
import type { HqStore } from '../src-server/store/hq-store.js';
import { createTenancy } from '../src-server/tenancy/tenancy.js';
import { startHqProcess, type HqTarget } from '../test/support/hq-process.js';
import { startPostgresProcess } from '../test/support/postgres-child.js';
import { createTestDatabase } from '../test/support/postgres-database.js';
import { BATCH, postgresRaw, rawBatches, sqliteRaw, type RawInserter } from './hq.bench.js';

const PENDING = Number(process.env.BENCH_SYNC_EVENTS ?? 50_000);
const VISITS = 250;
const PIN = '0000';

const tempDir = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bench-sync-${label}-`));
const secrets = () => {
  const values = new Map<string, string>();
  return {
    load: (name: string) => values.get(name) ?? null,
    save: (name: string, value: string | null) => void (value === null ? values.delete(name) : values.set(name, value)),
    keptIn: (name: string) => (values.has(name) ? ('session' as const) : null),
  };
};

const call = async (core: DeskCore, method: string, args: unknown): Promise<unknown> => {
  const answer = await core.invoke(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.result;
};

const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

interface Staffed {
  readonly dataDir: string;
  readonly manager: string;
}

/** A desk (no HQ yet) with a clinic, its staff and PENDING events waiting: made once, copied per database. */
const pendingDesk = async (): Promise<Staffed> => {
  const dataDir = tempDir('pending');
  const core = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: secrets() });
  const { streamId: manager } = (await call(core, 'staff.register', { name: '김지현', role: 'manager', pin: PIN })) as { streamId: string };
  await call(core, 'session.signIn', { staffId: manager, pin: PIN });
  await call(core, 'command.execute', { type: 'ConfigureClinic', payload: { name: '벤치 피부과', timeZone: 'Asia/Seoul' } });
  const { streamId: patientId } = (await call(core, 'command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } })) as {
    streamId: string;
  };
  const visits: string[] = [];
  for (let i = 0; i < VISITS; i++) {
    const startAt = new Date(Date.now() + (i + 1) * 3_600_000).toISOString();
    const endAt = new Date(Date.now() + (i + 1) * 3_600_000 + 1_800_000).toISOString();
    visits.push(((await call(core, 'command.execute', { type: 'Reserve', payload: { patientId, startAt, endAt } })) as { streamId: string }).streamId);
  }
  const status = (await call(core, 'sync.status', {})) as { pending: number };
  for (let i = status.pending; i < PENDING; i++) {
    await call(core, 'command.execute', { type: 'AddMemo', streamId: visits[i % VISITS], payload: { text: `상담 메모 ${i} — 다음 방문 때 레이저 토닝 상담` } });
  }
  await core.close({ syncTimeoutMs: 0 });
  return { dataDir, manager };
};

const copyDesk = (from: string): string => {
  const to = tempDir('desk');
  fs.copyFileSync(path.join(from, 'desk.db'), path.join(to, 'desk.db'));
  return to;
};

interface Backend {
  readonly label: string;
  readonly prepare: () => Promise<{ target: HqTarget; store: () => Promise<HqStore> }>;
  readonly raw: () => Promise<RawInserter>;
}

const row = (label: string, figure: string, note = '') => `    ${label.padEnd(50)} ${figure.padStart(16)}${note}`;

const benchBackend = async (backend: Backend, prepared: Staffed): Promise<void> => {
  console.log(`\n  ${backend.label}`);
  const { target, store: openStore } = await backend.prepare();
  const store = await openStore();
  const tenancy = createTenancy(store);
  const { tenantId } = await tenancy.addTenant('벤치 피부과');
  const tokens = await Promise.all(['A', 'B', 'C'].map(async (name) => (await tenancy.addDevice({ tenantId, name, scope: 'desk' })).token));
  await store.close();
  const hq = await startHqProcess(target, { logLevel: 'warn' });
  const raw = await backend.raw();
  const cores: DeskCore[] = [];
  const open = async (dataDir: string, token: string) => {
    const core = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: secrets(), hq: { url: hq.url, token } });
    cores.push(core);
    return core;
  };
  try {
    // The raw baseline: 500-row insert transactions into HQ's own table, in this process.
    const batches = rawBatches(Math.ceil(PENDING / BATCH));
    let start = performance.now();
    for (const rows of batches) await raw.insertBatch(rows);
    const rawRate = (batches.length * BATCH * 1000) / (performance.now() - start);
    console.log(row(`raw insert, ${BATCH}-row transactions`, `${rawRate.toFixed(0)} events/s`));

    // drain: desk A connects with PENDING events waiting
    start = performance.now();
    const a = await open(copyDesk(prepared.dataDir), tokens[0] as string);
    await call(a, 'session.signIn', { staffId: prepared.manager, pin: PIN });
    await waitFor(async () => ((await call(a, 'sync.status', {})) as { pending: number }).pending === 0, 600_000, 'drain');
    const drainMs = performance.now() - start;
    const drainRate = (PENDING * 1000) / drainMs;
    console.log(
      row(
        `drain ${PENDING} pending events to HQ`,
        `${drainRate.toFixed(0)} events/s`,
        `   ${(drainRate / rawRate).toFixed(2)} of raw; ${(drainMs / 1000).toFixed(1)} s to converge; goal >= 10,000/s: ${drainRate >= 10_000 ? 'met' : 'NOT met'}`,
      ),
    );

    // catch-up: desk B joins the clinic and pulls everything with its read models
    start = performance.now();
    const b = await open(tempDir('b'), tokens[1] as string);
    await waitFor(async () => {
      const status = (await b.invoke('desk.status', {})) as { ok: boolean };
      if (!status.ok) return false;
      const staff = (await call(b, 'staff.list', {})) as { items: unknown[] };
      if (staff.items.length === 0) return false;
      return true;
    }, 600_000, 'staff on B');
    await call(b, 'session.signIn', { staffId: prepared.manager, pin: PIN });
    await waitFor(async () => !((await call(b, 'sync.status', {})) as { catchUp?: unknown }).catchUp && ((await call(b, 'sync.status', {})) as { lastPullAt: string | null }).lastPullAt !== null, 600_000, 'catch-up');
    const catchUpMs = performance.now() - start;
    const catchUpRate = (PENDING * 1000) / catchUpMs;
    console.log(row(`catch-up of a new desk (${PENDING} events, read models)`, `${catchUpRate.toFixed(0)} events/s`, `   ${(catchUpRate / rawRate).toFixed(2)} of raw`));

    // propagation: a command on A, seen in B's read model
    const visitId = ((await call(b, 'board.day', { date: new Date(Date.now() + 3_600_000).toISOString().slice(0, 10) })) as { visits: { visitId: string }[] }).visits[0]?.visitId;
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const seen = new Promise<number>((resolve) => {
        const stop = b.onChange((notice) => {
          if (notice.kind === 'events' && notice.streamIds?.includes(visitId ?? '')) {
            stop();
            resolve(performance.now());
          }
        });
      });
      const sent = performance.now();
      await call(a, 'command.execute', { type: 'AddMemo', streamId: visitId, payload: { text: `propagation ${i}` } });
      latencies.push((await seen) - sent);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const p95 = percentile(latencies, 95);
    console.log(row('propagation A → B read model, both online', `p50 ${percentile(latencies, 50).toFixed(0)} ms`, `   p95 ${p95.toFixed(0)} ms; goal p95 < 2 s: ${p95 < 2_000 ? 'met' : 'NOT met'}`));

    // commands on a desk while it applies a catch-up
    const c = await open(tempDir('c'), tokens[2] as string);
    await waitFor(async () => ((await call(c, 'staff.list', {})) as { items: unknown[] }).items.length > 0, 600_000, 'staff on C');
    await call(c, 'session.signIn', { staffId: prepared.manager, pin: PIN });
    const during: number[] = [];
    for (;;) {
      const status = (await call(c, 'sync.status', {})) as { catchUp?: unknown; lastPullAt: string | null };
      if (!status.catchUp && during.length > 0) break;
      const t0 = performance.now();
      await call(c, 'command.execute', { type: 'RegisterPatient', payload: { name: '동시환자', phone: '010-9999-0000' } });
      during.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const p99 = percentile(during, 99);
    console.log(
      row(
        `command.execute during a ${PENDING}-event catch-up`,
        `p50 ${percentile(during, 50).toFixed(1)} ms`,
        `   p99 ${p99.toFixed(1)} ms over ${during.length} commands; goal p99 < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'}`,
      ),
    );
  } finally {
    for (const core of cores) await core.close({ syncTimeoutMs: 0 });
    await hq.stop();
    await raw.close();
  }
};

export const runSyncBench = async (): Promise<void> => {
  console.log(`\nSync worker end to end (HQ in its own process, loopback HTTP; ${PENDING} events; ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)})`);
  const prepared = await pendingDesk();
  await benchBackend(
    {
      label: 'HQ on SQLite (embedded file, WAL, synchronous=FULL)',
      prepare: () => {
        const dataDir = tempDir('hq-sqlite');
        return Promise.resolve({ target: { args: ['--data', dataDir], env: {} }, store: () => Promise.resolve(openSqliteHqStore(dataDir)) });
      },
      raw: () => Promise.resolve(sqliteRaw()),
    },
    prepared,
  );
  const postgres = await startPostgresProcess();
  try {
    await benchBackend(
      {
        label: 'HQ on PostgreSQL (embedded 18, default durability)',
        prepare: async () => {
          const url = await createTestDatabase(postgres.adminUrl, 'bench_sync');
          return { target: { args: [], env: { HQ_DATABASE_URL: url } }, store: () => openPostgresHqStore(url) };
        },
        raw: async () => postgresRaw(await createTestDatabase(postgres.adminUrl, 'bench_sync_raw')),
      },
      prepared,
    );
  } finally {
    await postgres.stop();
  }
};
