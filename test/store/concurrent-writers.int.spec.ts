import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/child-process.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';

describe('two connections writing to one file', () => {
  it('never make a gap or a duplicate version, and lose no acknowledged command', async () => {
    const dataDir = tempDir('two-writers');
    const { store, headspring } = openTabDesk(dataDir);
    const streams = ['A', 'B', 'C'].map(
      (name) =>
        headspring.execute({
          commandId: crypto.randomUUID(),
          type: 'OpenTab',
          payload: { name },
          schemaVersion: 1,
          issuedBy: 'setup',
          issuedAt: new Date().toISOString(),
        }).streamId,
    );
    store.close(); // releases the folder lock; the children open the file directly
    const file = path.join(dataDir, DATABASE_FILE);
    const count = 150;
    const startAt = String(Date.now() + 3_000); // both start together, whatever their start-up time
    const results = await Promise.all(
      ['writer-1', 'writer-2'].map((label) =>
        runTs('test/support/concurrent-writer.ts', [file, String(count), streams.join(','), label, startAt]),
      ),
    );
    for (const result of results) expect(result.stderr).toBe('');
    const reports = results.map((result) => JSON.parse(result.stdout) as { acknowledged: string[]; clashes: number });
    // The writers did race: at least one decision was made on a stale version and retried.
    expect(reports.reduce((sum, report) => sum + report.clashes, 0)).toBeGreaterThan(0);

    const reopened = openTabDesk(dataDir);
    try {
      const db = reopened.store.reader;
      for (const streamId of streams) {
        const versions = reopened.store.events.readStream(streamId).map((event) => event.version);
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, index) => index + 1));
      }
      const perCommand = db
        .prepare('SELECT command_id, count(*) AS n FROM events GROUP BY command_id')
        .all() as { command_id: string; n: number }[];
      const counts = new Map(perCommand.map((row) => [row.command_id, row.n]));
      for (const commandId of reports.flatMap((report) => report.acknowledged)) expect(counts.get(commandId)).toBe(1);
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 + 2 * count });
      expect(db.prepare('SELECT sum(charged) AS total FROM tab_totals').get()).toEqual({ total: 2 * count });
    } finally {
      reopened.store.close();
    }
  });
});
