import type { ReadableDb } from '../../src-node/sqlite/database.js';
import type { Projection } from '../../src-main/core/store/projection.js';
import { dumpTabReadModels } from './tab-projection.js';

/**
 * A deferrable read model that cannot apply one event (another build's data it misreads: here
 * the charge of 13 that tab 13 makes), beside tab-totals, which follows the log and applies it.
 * A desk following the log keeps such an event as unreadable (applyPulled); a deferred build or
 * a rebuild on open meets it only then.
 */
export const picky: Projection = {
  name: 'tab-picky',
  version: 1,
  deferrable: true,
  tables: ['tab_picky'],
  schema: 'CREATE TABLE tab_picky (event_id TEXT PRIMARY KEY, known INTEGER NOT NULL) STRICT, WITHOUT ROWID;',
  bind: (db) => {
    const insert = db.prepare('INSERT INTO tab_picky (event_id, known) VALUES (?, ?)');
    // unqualified: on a build thread's scratch file, the desk's attached events table
    const reset = db.prepare('DELETE FROM tab_picky WHERE event_id IN (SELECT event_id FROM events WHERE stream_id = ?)');
    return {
      apply: (read) => {
        if (read.known && read.event.type === 'ChargeAdded' && (read.event.data as { amount?: number }).amount === 13) throw new Error('a charge of 13 is misread here');
        insert.run(read.envelope.eventId, read.known ? 1 : 0);
      },
      resetStream: (streamId) => void reset.run(streamId),
    };
  },
};

/** The 13 charge: whether the log keeps it unreadable, and whether each read model saw it as known. */
export const thirteenIn = (db: ReadableDb): { unreadable: number; totals: number; picky: number } | undefined =>
  db
    .prepare<[], { unreadable: number; totals: number; picky: number }>(
      `SELECT e.unreadable, a.known AS totals, p.known AS picky FROM events e
       JOIN tab_activity a ON a.event_id = e.event_id JOIN tab_picky p ON p.event_id = e.event_id
       WHERE e.type = 'ChargeAdded' AND json_extract(e.data, '$.amount') = 13`,
    )
    .get();

/** Every row of tab-totals and tab-picky, to compare with a rebuild. */
export const tabAndPickyRows = (db: ReadableDb) => ({
  ...dumpTabReadModels(db),
  picky: db.prepare('SELECT event_id, known FROM tab_picky ORDER BY event_id').all(),
});
