/** read_clinic: the clinic's name, time zone and hours, from its one stream. */
import type { ClinicEvent } from '../../../shared/clinic/clinic/events.js';
import type { Projection } from '../store/projection.js';

export const clinicSettingsProjection: Projection = {
  name: 'clinic-settings',
  version: 1,
  streamTypes: ['clinic'],
  tables: ['read_clinic'],
  schema: `
    CREATE TABLE read_clinic (
      stream_id TEXT PRIMARY KEY,
      name      TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      hours     TEXT NOT NULL  -- JSON WeeklyHours
    ) STRICT;
  `,
  bind: (db) => {
    const save = db.prepare(
      `INSERT INTO read_clinic (stream_id, name, time_zone, hours) VALUES (@stream_id, @name, @time_zone, @hours)
       ON CONFLICT (stream_id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, hours = excluded.hours`,
    );
    const remove = db.prepare<[string]>('DELETE FROM read_clinic WHERE stream_id = ?');
    return {
      apply: (read) => {
        if (read.envelope.streamType !== 'clinic' || !read.known) return;
        const event = read.event as ClinicEvent;
        save.run({
          stream_id: read.envelope.streamId,
          name: event.data.name,
          time_zone: event.data.timeZone,
          hours: JSON.stringify(event.data.hours),
        });
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
