import type { Projection } from '../../src-main/core/store/projection.js';

/** A read model of the kernel's test aggregate: one row per tab, one row per event. */
export const tabProjection: Projection = {
  name: 'tab-totals',
  version: 1,
  tables: ['tab_totals', 'tab_activity'],
  schema: `
    CREATE TABLE tab_totals (
      stream_id TEXT PRIMARY KEY, name TEXT NOT NULL, charged INTEGER NOT NULL, paid INTEGER NOT NULL,
      status TEXT NOT NULL, anomalies INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE tab_activity (
      stream_id TEXT NOT NULL, version INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, known INTEGER NOT NULL,
      PRIMARY KEY (stream_id, version)
    ) STRICT, WITHOUT ROWID;
  `,
  bind: (db) => {
    const open = db.prepare(
      "INSERT INTO tab_totals (stream_id, name, charged, paid, status, anomalies) VALUES (?, ?, 0, 0, 'open', 0)",
    );
    const charge = db.prepare('UPDATE tab_totals SET charged = charged + ? WHERE stream_id = ?');
    const pay = db.prepare('UPDATE tab_totals SET paid = paid + ? WHERE stream_id = ?');
    const close = db.prepare("UPDATE tab_totals SET status = 'closed' WHERE stream_id = ?");
    const anomaly = db.prepare('UPDATE tab_totals SET anomalies = anomalies + 1 WHERE stream_id = ?');
    const activity = db.prepare('INSERT INTO tab_activity (event_id, stream_id, version, type, known) VALUES (?, ?, ?, ?, ?)');
    const resetTotals = db.prepare('DELETE FROM tab_totals WHERE stream_id = ?');
    const resetActivity = db.prepare('DELETE FROM tab_activity WHERE stream_id = ?');
    return {
      apply: (read) => {
        const { envelope } = read;
        activity.run(envelope.eventId, envelope.streamId, envelope.version, envelope.type, read.known ? 1 : 0);
        if (!read.known) return;
        const data = read.event.data as { name?: string; amount?: number };
        switch (read.event.type) {
          case 'TabOpened':
            open.run(envelope.streamId, data.name);
            break;
          case 'ChargeAdded':
            charge.run(data.amount, envelope.streamId);
            break;
          case 'PaymentTaken':
            pay.run(data.amount, envelope.streamId);
            break;
          case 'TabClosed':
            close.run(envelope.streamId);
            break;
          case 'AnomalyNoted':
            anomaly.run(envelope.streamId);
            break;
        }
      },
      resetStream: (streamId) => {
        resetTotals.run(streamId);
        resetActivity.run(streamId);
      },
    };
  },
};

/** Every row of the tab read models, in a stable order, for comparing two builds. */
export const dumpTabReadModels = (db: { prepare: (sql: string) => { all: () => unknown[] } }) => ({
  totals: db.prepare('SELECT * FROM tab_totals ORDER BY stream_id').all(),
  activity: db.prepare('SELECT * FROM tab_activity ORDER BY stream_id, version').all(),
});
