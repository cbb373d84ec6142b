/**
 * The sync worker's figures (issue 11, "Benchmark"), end to end on SQLite and PostgreSQL HQs: HQ
 * as its own process over loopback HTTP holding the data set's year, desks as DeskCore with their
 * sync worker, each a copy of the data set's desk under one of the clinic's installations.
 *   drain     — desk A, back online with 50,000 pending events (5,000 with --quick), pushes them
 *               until none is pending: events/s and time to convergence, beside raw 500-row insert
 *               transactions into HQ's table. Goal: ≥ 10,000 events/s. HQ is in service first
 *               (another clinic's desk pushes to it, untimed), as HQ is when a desk comes back.
 *   catch-up  — desk B, up to date with the year, pulls those events into its log and read models
 *               until it holds HQ's head: events/s and time, beside raw 500-row insert transactions
 *               into a desk's events table (FULL).
 *   commands  — desk C, up to date with the year too, runs command.execute while it applies the
 *               same catch-up. Goal: p99 < 50 ms.
 *   propagate — a command on desk A shows in desk B's read model, both online. Goal: p95 < 2 s.
 */
import type { DeskCore } from '../../src-main/core/desk-core.js';
import type { HqProcess } from '../../test/support/hq-process.js';
import type { Bench, BenchContext } from '../context.js';
import { latencies, ms, show, type Row } from '../report.js';
import { BATCH } from './hq.bench.js';
import {
  addPendingMemos,
  call,
  copyDeskAs,
  deskRawInsertRate,
  hqRawInsertRate,
  IN_SERVICE_EVENTS,
  onBothHqs,
  openDesk,
  pause,
  putInService,
  syncStatus,
  waitFor,
  type Backend,
} from './clinic-hq.js';
import { benchHqStarter, stopBenchHq } from './bench-hq.js';

/** Until the desk holds HQ's head (no catch-up under way after a pull); ms since `start`. */
const untilCaughtUp = async (context: BenchContext, desk: DeskCore, label: string, start: number, total: number, meanwhile?: () => Promise<void>): Promise<number> => {
  for (;;) {
    const status = await syncStatus(desk);
    if (!status.catchUp && status.lastPullAt !== null) return performance.now() - start;
    if (status.catchUp) context.progress(label, status.catchUp.pulled - (status.catchUp.head - total), total);
    if (status.lastError) context.log(`  ${label}: ${status.lastError}`);
    if (meanwhile) await meanwhile();
    else await pause(25);
  }
};

const syncOn = async (context: BenchContext, backend: Backend): Promise<Row[]> => {
  const { info } = context.dataset;
  const count = context.quick ? 5_000 : 50_000;
  const on = `HQ on ${backend.label}`;
  const { staffId, pin } = info.manager;
  const rows: Row[] = [];
  const { target, anotherClinic } = await backend.prepare(info.events);
  const otherDesk = await anotherClinic();
  const startHq = await benchHqStarter();
  // HQ starts while the desks are copied (untimed set-up); the raw baselines are timed once it is up and idle
  const starting = startHq(target);
  starting.catch(() => undefined); // a failed start surfaces where it is awaited
  let hq: HqProcess | undefined;
  const desks: DeskCore[] = [];
  try {
    const aDir = copyDeskAs(context, info.installations.A);
    addPendingMemos(aDir, count, info.installations.A, staffId);
    const bDir = copyDeskAs(context, info.installations.B);
    const cDir = copyDeskAs(context, info.installations.C);
    hq = await starting;
    const inServiceMs = await putInService(hq, otherDesk);
    const hqRaw = await hqRawInsertRate(backend, count);
    const deskRaw = deskRawInsertRate(context, count);
    // ---- drain: desk A comes back with `count` events pending ------------------------------------
    let start = performance.now();
    const a = await openDesk(hq, info.devices.A.token, aDir);
    desks.push(a);
    await call(a, 'session.signIn', { staffId, pin });
    for (;;) {
      const status = await syncStatus(a);
      context.progress(`desk A drains its pending events (${on})`, count - status.pending, count);
      if (status.pending === 0) break;
      if (status.lastError) context.log(`  desk A: ${status.lastError}`);
      await pause(25);
    }
    const drainMs = performance.now() - start;
    const drainRate = (count / drainMs) * 1000;
    rows.push({
      goal: 0,
      name: `drain: desk A pushes ${show(count)} pending events to HQ, ${on}`,
      figure: {
        value: drainRate,
        unit: 'events/s',
        detail: `${(drainMs / 1000).toFixed(1)} s until none is pending; HQ in service first (another clinic pushed ${show(IN_SERVICE_EVENTS)} events in ${(inServiceMs / 1000).toFixed(1)} s)`,
      },
      baseline: { name: `raw ${BATCH}-row insert transactions into HQ's table`, value: hqRaw, unit: 'events/s' },
      ratio: drainRate / hqRaw,
      target: { of: 'value', atLeast: 10_000, text: '≥ 10,000/s' },
    });

    // ---- catch-up: desk B, up to date with the year, pulls them -----------------------------------
    start = performance.now();
    const b = await openDesk(hq, info.devices.B.token, bDir);
    desks.push(b);
    await call(b, 'session.signIn', { staffId, pin });
    const catchUpMs = await untilCaughtUp(context, b, `desk B catches up (${on})`, start, count);
    const catchUpRate = (count / catchUpMs) * 1000;
    rows.push({
      goal: 0,
      name: `catch-up: desk B pulls those ${show(count)} events (log and read models), ${on}`,
      figure: { value: catchUpRate, unit: 'events/s', detail: `${(catchUpMs / 1000).toFixed(1)} s until it holds HQ's head` },
      baseline: { name: `raw ${BATCH}-row insert transactions into a desk's events table, FULL`, value: deskRaw, unit: 'events/s' },
      ratio: catchUpRate / deskRaw,
    });

    // ---- commands on desk C while it applies the same catch-up --------------------------------
    const c = await openDesk(hq, info.devices.C.token, cDir);
    desks.push(c);
    await call(c, 'session.signIn', { staffId, pin });
    const during: number[] = [];
    let commandsStopped = false;
    await untilCaughtUp(context, c, `desk C catches up, taking commands (${on})`, performance.now(), count, async () => {
      if (commandsStopped) {
        await pause(25);
        return;
      }
      const t0 = performance.now();
      await call(c, 'command.execute', { type: 'RegisterPatient', payload: { name: '동시환자', phone: '010-9999-0000' }, actingStaffId: staffId });
      during.push(performance.now() - t0);
      if (during.length >= 20_000) commandsStopped = true;
      await pause(5);
    });
    const commands = latencies(during);
    rows.push({
      goal: 0,
      name: `command.execute on desk C during a ${show(count)}-event catch-up, ${on}`,
      figure: { value: commands.p99, unit: 'ms', detail: `p99; p50 ${ms(commands.p50)} over ${during.length} commands` },
      target: { of: 'value', atMost: 50, text: 'p99 < 50 ms' },
    });
    await c.close({ syncTimeoutMs: 0 });
    desks.pop();

    // ---- propagation: a command on A, seen in B's read model, both online ------------------------
    await waitFor(async () => (await syncStatus(a)).pending === 0 && (await syncStatus(b)).pending === 0, 120_000, 'desks A and B to settle');
    const visitId = ((await call(a, 'board.day', { date: info.busyDay.date })) as { visits: { visitId: string }[] }).visits[0]?.visitId;
    if (!visitId) throw new Error(`desk A's board of ${info.busyDay.date} has no visit`);
    const delays: number[] = [];
    const tries = context.quick ? 20 : 60;
    for (let i = 0; i < tries; i++) {
      const seen = new Promise<number>((resolve) => {
        const stop = b.onChange((notice) => {
          if (notice.kind === 'events' && notice.streamIds?.includes(visitId)) {
            stop();
            resolve(performance.now());
          }
        });
      });
      const sent = performance.now();
      await call(a, 'command.execute', { type: 'AddMemo', streamId: visitId, payload: { text: `전파 확인 ${i}` }, actingStaffId: staffId });
      delays.push((await seen) - sent);
      context.progress(`propagation desk A → desk B (${on})`, i + 1, tries);
      await pause(20);
    }
    const spread = latencies(delays);
    rows.push({
      goal: 0,
      name: `propagation desk A → desk B's read model, both online, ${on}`,
      figure: { value: spread.p95, unit: 'ms', detail: `p95; p50 ${ms(spread.p50)} over ${tries} commands` },
      target: { of: 'value', atMost: 2_000, text: 'p95 < 2 s' },
    });
    return rows;
  } finally {
    for (const desk of desks.reverse()) await desk.close({ syncTimeoutMs: 0 });
    const running = hq ?? (await starting.catch(() => undefined));
    if (running) await stopBenchHq(context, running);
  }
};

export const syncBench: Bench = onBothHqs(syncOn);
