/**
 * Goal 7, end to end: HQ as its own process over loopback HTTP holding the data set's log, a new
 * desk of the clinic as DeskCore with its sync worker catching up with the whole log (every event
 * with its read models): time until its board answers with the clinic's day, and events/s beside
 * raw 500-row insert transactions into the desk's own events table (FULL), on SQLite and
 * PostgreSQL HQs. Goal: ≥ 0.3 of raw, progress shown (sync.status.catchUp). Also HQ's database
 * size per million events. The sync worker's own figures (issue 11) are in sync.bench.ts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DeskCore } from '../../src-main/core/desk-core.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import type { Bench, BenchContext } from '../context.js';
import { ms, type Row } from '../report.js';
import { benchHqStarter, stopBenchHq } from './bench-hq.js';
import { call, onBothHqs, openDesk, pause, prepareDeskRawInsert, signInWhenStaffArrive, syncStatus, type Backend } from './clinic-hq.js';

/** The day board's visits as the data set's own desk has them. */
const visitsOfBusyDay = (context: BenchContext): number => {
  const { info } = context.dataset;
  const db = new Database(path.join(context.dataset.deskDir, DATABASE_FILE), { readonly: true });
  const from = Date.parse(`${info.busyDay.date}T00:00:00+09:00`);
  try {
    return db.prepare('SELECT count(*) FROM read_visits WHERE anchor_at >= ? AND anchor_at < ?').pluck().get(new Date(from).toISOString(), new Date(from + 86_400_000).toISOString()) as number;
  } finally {
    db.close();
  }
};

const joinOn = async (context: BenchContext, backend: Backend): Promise<Row[]> => {
  const { info } = context.dataset;
  const joined = info.events;
  const rows: Row[] = [];
  const { target, sizeBytes } = await backend.prepare(joined);
  const startHq = await benchHqStarter();
  const starting = startHq(target);
  // the baseline's table and rows are made while HQ starts (should this throw, hq-process.ts kills HQ at exit); its inserts are timed once HQ is up and idle
  const timeDeskRaw = prepareDeskRawInsert(context, Math.min(50_000, info.events));
  const hq = await starting;
  let joiner: DeskCore | undefined;
  const { staffId, pin } = info.manager;
  try {
    const deskRaw = timeDeskRaw();
    const joinerDir = context.scratchDir('joiner');
    const started = performance.now();
    joiner = await openDesk(hq, info.devices.joiner.token, joinerDir);
    await signInWhenStaffArrive(joiner, staffId, pin);
    const firstPage = performance.now() - started;
    /** When the desk began to build its read models (a new desk pulls the log first). */
    let building: number | undefined;
    for (;;) {
      const status = await syncStatus(joiner);
      if (status.catchUp?.phase === 'building') {
        building ??= performance.now() - started;
        context.progress(`a new desk builds its records (HQ on ${backend.label})`, status.catchUp.built ?? 0, status.catchUp.toBuild ?? joined);
      } else if (status.catchUp) context.progress(`a new desk catches up (HQ on ${backend.label})`, status.catchUp.pulled, status.catchUp.head);
      if (!status.catchUp && status.lastPullAt !== null) break;
      if (status.lastError) context.log(`  joiner: ${status.lastError}`);
      await pause(100);
    }
    const took = performance.now() - started;
    context.progress(`a new desk catches up (HQ on ${backend.label})`, joined, joined);
    const board = (await call(joiner, 'board.day', { date: info.busyDay.date })) as { visits: unknown[] };
    const rate = (joined / took) * 1000;
    rows.push({
      goal: 7,
      name: `a new desk joins: catch-up of ${(joined / 1e6).toFixed(2)}M events with read models, HQ on ${backend.label}`,
      figure: {
        value: rate,
        unit: 'events/s',
        detail: `${(took / 1000).toFixed(1)} s until its board answers with the clinic's day (${board.visits.length} of ${visitsOfBusyDay(context)} visits)${building === undefined ? '' : `: the log pulled in ${(building / 1000).toFixed(1)} s, then the read models built in ${((took - building) / 1000).toFixed(1)} s`}; staff could sign in after ${ms(firstPage)}; progress in sync.status.catchUp`,
      },
      baseline: { name: 'raw 500-row insert transactions into the desk’s events table, FULL', value: deskRaw, unit: 'events/s' },
      ratio: rate / deskRaw,
      target: { of: 'ratio', atLeast: 0.3, text: '≥ 0.3 of raw' },
    });
    const bytes = await sizeBytes();
    if (bytes > 0) {
      const perMillion = ((bytes / joined) * 1e6) / 2 ** 20;
      const json = ((info.jsonBytes / info.events) * 1e6) / 2 ** 20;
      rows.push({
        goal: 9,
        name: `HQ database, ${backend.label}, per 1M events`,
        figure: { value: perMillion, unit: 'MiB' },
        baseline: { name: 'the events as raw JSON', value: json, unit: 'MiB' },
        ratio: json / perMillion,
      });
    }
    return rows;
  } finally {
    await joiner?.close({ syncTimeoutMs: 0 });
    await stopBenchHq(context, hq);
  }
};

export const joinBench: Bench = onBothHqs(joinOn);
