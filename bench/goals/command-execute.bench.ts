/**
 * Goal 1: `command.execute` through DeskCore on desk A's year (the busy day after it, every
 * command as the screens send it), beside raw better-sqlite3 single-row insert transactions at
 * synchronous=FULL and NORMAL on the same disk, interleaved in chunks so a slow moment of the
 * machine falls on all three. Also counted: WAL pages written per command and per raw insert.
 * Goal: commands/s ≥ 0.5 of raw at FULL, p99 < 2 ms.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { openWritable, type Durability } from '../../src-node/sqlite/database.js';
import { openBusyDesk } from '../busy-day.js';
import type { Bench } from '../context.js';
import { latencies, ms } from '../report.js';

const CHUNK = 25;

/** Raw single-row insert transactions into a fresh file, ~250 bytes a row (an event is ~600). */
export const rawInserter = (file: string, durability: Durability) => {
  const db = openWritable(file, { durability });
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
  const txn = db.transaction((payload: string) => insert.run(payload));
  const payload = JSON.stringify({ amount: 120_000, method: 'card', note: '시술 후 진정 관리 포함 · includes soothing care', pad: 'x'.repeat(150) });
  return { db, insert: () => void txn.immediate(payload), close: () => db.close() };
};

/**
 * Raw transactions that each rewrite `pages` rows at random places of a 200,000-row table (~15,000
 * pages), so each writes about that many scattered pages, as a command does across its b-trees.
 * Beside the single-row insert, it says what writing a command's pages alone allows at FULL.
 */
const scatteredWriter = (file: string, rows: number) => {
  const db = openWritable(file, { durability: 'FULL' });
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const pad = 'x'.repeat(250);
  const fill = db.prepare('INSERT INTO t (id, payload) VALUES (?, ?)');
  db.transaction(() => {
    for (let id = 1; id <= rows; id++) fill.run(id, pad);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const update = db.prepare('UPDATE t SET payload = ? WHERE id = ?');
  let seed = 20261201;
  const nextRow = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return 1 + (seed % rows);
  };
  const txn = db.transaction((pages: number) => {
    for (let k = 0; k < pages; k++) update.run(`${pad}${k}`, nextRow());
  });
  return { write: (pages: number) => void txn.immediate(pages), close: () => db.close() };
};

/** WAL frames (pages) written by `count` operations, read from a second connection. */
const walFrames = (file: string) => {
  const probe = new Database(file);
  return {
    reset: () => void probe.pragma('wal_checkpoint(TRUNCATE)'),
    frames: () => (probe.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }])[0].log,
    close: () => probe.close(),
  };
};

export const commandExecuteBench: Bench = async (context) => {
  const dataDir = context.copyDesk();
  const desk = await openBusyDesk(dataDir, context.dataset.info);
  const scratch = context.scratchDir('raw-insert');
  const rawFull = rawInserter(path.join(scratch, 'full.db'), 'FULL');
  const rawNormal = rawInserter(path.join(scratch, 'normal.db'), 'NORMAL');
  const scattered = scatteredWriter(path.join(scratch, 'scattered.db'), context.quick ? 50_000 : 200_000);
  const steps = context.quick ? desk.steps.slice(0, 1200) : desk.steps;
  const timed = { desk: [] as number[], full: [] as number[], normal: [] as number[], scattered: [] as number[] };
  const spent = { desk: 0, full: 0, normal: 0, scattered: 0 };
  /** Pages each scattered transaction rewrites: the desk's own count, once its first chunk was counted. */
  let scatteredPages = 0;
  /** CPU time (user + system) of each side: what is left of the wall time is waiting, mostly for fsync. */
  const cpu = { desk: 0, full: 0 };
  const cpuNow = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const pageProbe = { desk: 0, deskOps: 0 };
  try {
    // warm-up: the first commands of the day, raw inserts
    const warm = Math.min(40, steps.length);
    for (const step of steps.slice(0, warm)) await desk.run(step);
    for (let i = 0; i < 100; i++) {
      rawFull.insert();
      rawNormal.insert();
    }
    const probe = walFrames(path.join(dataDir, DATABASE_FILE));
    for (let index = warm; index < steps.length; index += CHUNK) {
      const chunk = steps.slice(index, index + CHUNK);
      // Every 20th chunk also counts the WAL pages its commands write (the probe's checkpoint is outside the timing).
      const counting = (index - warm) % (CHUNK * 20) === 0;
      if (counting) probe.reset();
      let start = performance.now();
      let cpuStart = cpuNow();
      for (const step of chunk) {
        const t0 = performance.now();
        await desk.run(step);
        timed.desk.push(performance.now() - t0);
      }
      spent.desk += performance.now() - start;
      cpu.desk += cpuNow() - cpuStart;
      if (counting) {
        pageProbe.desk += probe.frames();
        pageProbe.deskOps += chunk.length;
      }
      for (const [which, raw] of [['full', rawFull], ['normal', rawNormal]] as const) {
        start = performance.now();
        cpuStart = cpuNow();
        for (let i = 0; i < chunk.length; i++) {
          const t0 = performance.now();
          raw.insert();
          timed[which].push(performance.now() - t0);
        }
        spent[which] += performance.now() - start;
        if (which === 'full') cpu.full += cpuNow() - cpuStart;
      }
      scatteredPages ||= Math.max(1, Math.round(pageProbe.desk / pageProbe.deskOps));
      start = performance.now();
      for (let i = 0; i < chunk.length; i++) {
        const t0 = performance.now();
        scattered.write(scatteredPages);
        timed.scattered.push(performance.now() - t0);
      }
      spent.scattered += performance.now() - start;
      context.progress('command.execute (busy day)', Math.min(steps.length, index + CHUNK), steps.length);
    }
    probe.close();
    const rawProbe = walFrames(path.join(scratch, 'full.db'));
    rawProbe.reset();
    for (let i = 0; i < 200; i++) rawFull.insert();
    const rawPages = rawProbe.frames() / 200;
    rawProbe.close();

    const rate = (samples: number[], total: number) => (samples.length / total) * 1000;
    const deskLat = latencies(timed.desk);
    const fullLat = latencies(timed.full);
    const normalLat = latencies(timed.normal);
    const deskRate = rate(timed.desk, spent.desk);
    const fullRate = rate(timed.full, spent.full);
    const normalRate = rate(timed.normal, spent.normal);
    const scatteredLat = latencies(timed.scattered);
    const scatteredRate = rate(timed.scattered, spent.scattered);
    const pages = pageProbe.deskOps > 0 ? pageProbe.desk / pageProbe.deskOps : Number.NaN;
    const refused = desk.refusals.length;
    if (refused > 0) context.log(`  command.execute: ${refused} commands refused, e.g. ${desk.refusals.slice(0, 3).join(' | ')}`);
    const events = context.dataset.info.events;
    return [
      {
        goal: 1,
        name: `command.execute via DeskCore at ${(events / 1e6).toFixed(2)}M events (FULL)`,
        figure: {
          value: deskRate,
          unit: 'commands/s',
          detail: `p50 ${ms(deskLat.p50)}, p99 ${ms(deskLat.p99)}, max ${ms(deskLat.max)}; ${deskLat.count} commands of the busy day, ${pages.toFixed(1)} WAL pages and ${ms(cpu.desk / deskLat.count)} of CPU each${refused ? `; ${refused} refused` : ''}`,
        },
        baseline: {
          name: 'raw single-row insert transactions, FULL',
          value: fullRate,
          unit: 'txn/s',
          detail: `p50 ${ms(fullLat.p50)}, p99 ${ms(fullLat.p99)}, ${rawPages.toFixed(1)} WAL pages and ${ms(cpu.full / fullLat.count)} of CPU each`,
        },
        ratio: deskRate / fullRate,
        target: { of: 'ratio', atLeast: 0.5, text: '≥ 0.5 of raw' },
      },
      {
        goal: 1,
        name: 'command.execute p99 (FULL)',
        figure: { value: deskLat.p99, unit: 'ms' },
        baseline: { name: 'raw single-row insert transaction p99, FULL', value: fullLat.p99, unit: 'ms' },
        target: { of: 'value', atMost: 2, text: 'p99 < 2 ms' },
      },
      {
        goal: 1,
        name: 'raw single-row insert transactions, NORMAL (baseline only)',
        figure: { value: normalRate, unit: 'txn/s', detail: `p50 ${ms(normalLat.p50)}, p99 ${ms(normalLat.p99)}` },
        note: 'synchronous=NORMAL: no fsync per commit; the desk always runs FULL',
      },
      {
        goal: 1,
        name: "raw transactions writing a command's pages, FULL (baseline only)",
        figure: {
          value: scatteredRate,
          unit: 'txn/s',
          detail: `${scatteredPages} rows rewritten at random places a transaction; p50 ${ms(scatteredLat.p50)}, p99 ${ms(scatteredLat.p99)}`,
        },
        baseline: { name: 'raw single-row insert transactions, FULL', value: fullRate, unit: 'txn/s' },
        ratio: scatteredRate / fullRate,
        note: "what writing a command's pages allows with no other work: the ceiling of goal 1's ratio for this schema",
      },
    ];
  } finally {
    rawFull.close();
    rawNormal.close();
    scattered.close();
    await desk.core.close({ syncTimeoutMs: 0 });
  }
};
