/**
 * Desk event store: Headspring executes/s of a one-event command against raw better-sqlite3
 * single-row insert transactions/s, on the same disk, in the same run, at synchronous=FULL and
 * NORMAL. The Headspring side is the whole write path of a desk command: dedupe, rehydrate,
 * decide, and one transaction with the event, the command-log row and an inline read model.
 * Goal: ratio >= 0.5 at FULL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 } from 'uuid';
import { openWritable, type Durability, type WritableDb } from '../src-node/sqlite/database.js';
import { openTabDesk } from '../test/support/tab-desk.js';
import { formatRow, interleave, LatencyRecorder } from './measure.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));

/** WAL frames (pages) one operation writes: the main cost of a commit besides the fsync. */
const framesPerOp = (db: WritableDb, count: number, op: (i: number) => void): number => {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < count; i++) op(i);
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
  db.pragma('wal_autocheckpoint = 1000');
  return log / count;
};

const rawInsert = (durability: Durability) => {
  const db = openWritable(path.join(tempDir(), 'raw.db'), { durability });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
  const txn = db.transaction((payload: string) => insert.run(payload));
  const payload = JSON.stringify({ amount: 1, note: 'x'.repeat(200) });
  return { db, op: () => void txn.immediate(payload), close: () => db.close() };
};

const headspringExecute = (durability: Durability) => {
  const { store, headspring } = openTabDesk(tempDir(), durability);
  const staff = v7();
  const tabs = Array.from({ length: 100 }, (_, i) =>
    headspring.execute({ commandId: v7(), type: 'OpenTab', payload: { name: `t${i}` }, schemaVersion: 1, issuedBy: staff, issuedAt: new Date().toISOString() })
      .streamId,
  );
  const op = (i: number) =>
    void headspring.execute({
      commandId: v7(),
      type: 'AddCharge',
      streamId: tabs[i % tabs.length],
      payload: { amount: 1 },
      schemaVersion: 1,
      issuedBy: staff,
      issuedAt: new Date().toISOString(),
    });
  return { db: store.writer, op, close: () => store.close() };
};

export const runEventStoreBench = (): void => {
  console.log('\nDesk event store (better-sqlite3, WAL): Headspring vs raw insert transactions, interleaved in one run');
  for (const [durability, rounds, chunk] of [
    ['FULL', 20, 200],
    ['NORMAL', 20, 1000],
  ] as const) {
    const raw = rawInsert(durability);
    const desk = headspringExecute(durability);
    const rawRecorder = new LatencyRecorder(`raw single-row insert txn (${durability})`);
    const deskRecorder = new LatencyRecorder(`Headspring execute, 1 event + read model (${durability})`);
    interleave(2, 100, [
      { recorder: new LatencyRecorder('warm-up'), op: raw.op },
      { recorder: new LatencyRecorder('warm-up'), op: desk.op },
    ]);
    interleave(rounds, chunk, [
      { recorder: rawRecorder, op: raw.op },
      { recorder: deskRecorder, op: desk.op },
    ]);
    const frames = [framesPerOp(raw.db, 500, raw.op), framesPerOp(desk.db, 500, desk.op)];
    raw.close();
    desk.close();
    const rawFigures = rawRecorder.figures();
    const deskFigures = deskRecorder.figures();
    console.log(formatRow(rawFigures));
    console.log(formatRow(deskFigures));
    const ratio = deskFigures.perSecond / rawFigures.perSecond;
    const goal = durability === 'FULL' ? `  (goal >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})` : '';
    console.log(`  ratio Headspring / raw (${durability}): ${ratio.toFixed(2)}${goal}`);
    console.log(`  WAL pages written per operation: raw ${frames[0]?.toFixed(1)}, Headspring ${frames[1]?.toFixed(1)}`);
  }
};
