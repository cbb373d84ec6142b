/**
 * A desk process living through the busy day after the year (goal 8), from a bundle: every
 * command of the day through DeskCore, and what its screens read meanwhile (the board after each
 * change, a patient search every ten commands, an audit page every fifty). Prints one JSON line:
 * the resident set size at the end and its peak, the heap, and refusals. `raw` instead opens the
 * file with better-sqlite3 and reads the day board as often.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DAY_BOARD_SQL } from '../../src-main/core/queries/day-board.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { openBusyDesk } from '../busy-day.js';
import type { DatasetInfo } from '../data/dataset.js';

const [mode, dataDir, infoFile, limitArg] = process.argv.slice(2) as [string, string, string, string | undefined];
/** --quick: only the day's first commands (and as many board reads for `raw`). */
const limit = limitArg === undefined ? Number.POSITIVE_INFINITY : Number(limitArg);

const main = async (): Promise<void> => {
  const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as DatasetInfo;
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  if (mode === 'raw') {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const board = db.prepare(DAY_BOARD_SQL);
    const from = Date.parse(`${info.busyDay.date}T00:00:00+09:00`);
    for (let i = 0; i < Math.min(limit, info.busyDay.steps.length); i++) {
      board.all({ from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() });
      if (i % 100 === 0) sample();
    }
    sample();
    db.close();
    process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss, peak, heapUsed: process.memoryUsage().heapUsed, refused: 0, commands: 0 })}\n`);
    return;
  }
  const desk = await openBusyDesk(dataDir, info);
  const names = ['김', '이서', '박지', 'ㄱㅁㅅ', '010', '1234', '최'];
  let index = 0;
  const steps = desk.steps.slice(0, limit);
  for (const step of steps) {
    await desk.run(step);
    await desk.core.invoke('board.day', { date: info.busyDay.date });
    if (index % 10 === 0) await desk.core.invoke('patients.search', { q: names[index % names.length] });
    if (index % 50 === 0) await desk.core.invoke('audit.query', { limit: 50 });
    if (index % 100 === 0) sample();
    index += 1;
  }
  sample();
  const memory = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss: memory.rss, peak, heapUsed: memory.heapUsed, refused: desk.refusals.length, commands: steps.length })}\n`);
  await desk.core.close({ syncTimeoutMs: 0 });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
