/**
 * The baseline of a cold start (goal 4), run as its own process from its own bundle: opens the
 * data folder's file with better-sqlite3 and runs the day board's SQL, loading nothing of the
 * desk's code (the desk's bundle would make the baseline pay for what the figure measures).
 * Prints one JSON line of Date.now() milestones.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { DAY_BOARD_SQL } from '../../src-main/core/queries/day-board.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';

const [dataDir, date] = process.argv.slice(2) as [string, string];

const loaded = Date.now();
const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
const from = Date.parse(`${date}T00:00:00+09:00`);
const rows = db.prepare(DAY_BOARD_SQL).all({ from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() });
process.stdout.write(`${JSON.stringify({ loaded, board: Date.now(), visits: rows.length })}\n`);
db.close();
