/** read_anomalies: observations recorded although a rule no longer held, for staff to look at. */
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';

export const anomaliesProjection: Projection = {
  name: 'anomalies',
  version: 1,
  deferrable: true,
  streamTypes: ['visit'],
  tables: ['read_anomalies'],
  schema: `
    CREATE TABLE read_anomalies (
      visit_id     TEXT NOT NULL,
      version      INTEGER NOT NULL,
      rule         TEXT NOT NULL,
      detail       TEXT NOT NULL,
      command_type TEXT NOT NULL,
      at           TEXT NOT NULL,
      PRIMARY KEY (visit_id, version)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX read_anomalies_by_time ON read_anomalies (at);
  `,
  bind: (db) => {
    const insert = db.prepare(
      `INSERT INTO read_anomalies (visit_id, version, rule, detail, command_type, at)
       VALUES (@visit_id, @version, @rule, @detail, @command_type, @at)`,
    );
    const remove = db.prepare<[string]>('DELETE FROM read_anomalies WHERE visit_id = ?');
    return {
      apply: (read) => {
        if (!read.known || read.event.type !== 'AnomalyFlagged') return;
        const data = read.event.data as { rule: string; detail: string; commandType: string };
        insert.run({
          visit_id: read.envelope.streamId,
          version: read.envelope.version,
          rule: data.rule,
          detail: data.detail,
          command_type: data.commandType,
          at: normalInstant(read.envelope.meta.raisedAt),
        });
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
