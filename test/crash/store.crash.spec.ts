/**
 * Crash safety: a child executes commands in a loop and reports each acknowledgement; it is killed
 * with SIGKILL at a random moment, over and over, on the same data folder. After each kill the
 * store must hold every acknowledged command exactly once, nothing half-written, and read models
 * equal to a rebuild from the log.
 */
import { describe, expect, it } from 'vitest';
import { spawnTs } from '../support/child-process.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';
import { dumpTabReadModels } from '../support/tab-projection.js';

const ROUNDS = 24;

/** Runs the child until it has acknowledged something, kills it after a random delay, returns its acks. */
const runAndKill = (dataDir: string, seed: number, killAfterMs: number): Promise<Map<string, number>> =>
  new Promise((resolve, reject) => {
    const child = spawnTs('test/support/crash-child.ts', [dataDir, String(seed)]);
    const acks = new Map<string, number>();
    let buffered = '';
    let stderr = '';
    let armed = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, commandId, count] = line.split(' ');
        if (word === 'ack' && commandId) acks.set(commandId, Number(count));
        if (!armed && (word === 'ack' || word === 'ready')) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve(acks);
    });
  });

describe('crash safety of the desk store', () => {
  it(`keeps every acknowledged command exactly once across ${ROUNDS} SIGKILLs`, async () => {
    const dataDir = tempDir('crash');
    const acknowledged = new Map<string, number>();
    for (let round = 1; round <= ROUNDS; round++) {
      const acks = await runAndKill(dataDir, round, 5 + Math.floor(Math.random() * 250));
      for (const [commandId, count] of acks) acknowledged.set(commandId, count);

      const { store } = openTabDesk(dataDir);
      try {
        const db = store.reader;
        const eventsPerCommand = new Map(
          (db.prepare('SELECT command_id, count(*) AS n FROM events GROUP BY command_id').all() as { command_id: string; n: number }[]).map(
            (row) => [row.command_id, row.n],
          ),
        );
        for (const [commandId, count] of acknowledged) {
          expect(eventsPerCommand.get(commandId), `acknowledged ${commandId} in round ${round}`).toBe(count);
        }
        // nothing half-written: each logged command has exactly the events its row claims
        const commands = db
          .prepare("SELECT command_id, from_version, to_version FROM commands WHERE status = 'done'")
          .all() as { command_id: string; from_version: number; to_version: number }[];
        for (const row of commands) {
          expect(eventsPerCommand.get(row.command_id) ?? 0).toBe(row.to_version - row.from_version + 1);
        }
        expect(eventsPerCommand.size).toBe(commands.length);
        // versions have no gaps
        const gaps = db
          .prepare(
            `SELECT stream_id FROM events WHERE sync_state <> 'set-aside'
             GROUP BY stream_id HAVING count(*) <> max(version) OR min(version) <> 1`,
          )
          .all();
        expect(gaps).toEqual([]);
        const inline = dumpTabReadModels(db);
        store.events.projections.rebuildAll();
        expect(dumpTabReadModels(db)).toEqual(inline);
      } finally {
        store.close();
      }
    }
    console.info(`crash test: ${acknowledged.size} acknowledged commands over ${ROUNDS} kills`);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS);
  });
});
