/**
 * read_audit: one row per event — when, which staff member (or device), which desk, what, which
 * patient. Kept for events this build cannot read too: an audit trail never has holes.
 */
import { summarizeClinicEvent } from '../../../shared/clinic/registry.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';

export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  version: 2,
  seesConflictEvents: true,
  tables: ['read_audit'],
  schema: `
    CREATE TABLE read_audit (
      position    INTEGER PRIMARY KEY,
      at          TEXT NOT NULL,     -- raisedAt
      staff_id    TEXT,              -- null when a device (kiosk) acted
      initiator   TEXT NOT NULL,
      device_id   TEXT NOT NULL,
      stream_type TEXT NOT NULL,
      stream_id   TEXT NOT NULL,
      version     INTEGER NOT NULL,
      event_type  TEXT NOT NULL,
      summary     TEXT NOT NULL,
      patient_id  TEXT
    ) STRICT;
    CREATE INDEX read_audit_by_time ON read_audit (at, position);
    CREATE INDEX read_audit_by_staff ON read_audit (staff_id, at, position);
    CREATE INDEX read_audit_by_patient ON read_audit (patient_id, at, position);
    CREATE INDEX read_audit_by_stream ON read_audit (stream_id);
  `,
  bind: (db) => {
    const insert = db.prepare(
      `INSERT INTO read_audit (position, at, staff_id, initiator, device_id, stream_type, stream_id, version, event_type,
         summary, patient_id)
       VALUES (@position, @at, @staff_id, @initiator, @device_id, @stream_type, @stream_id, @version, @event_type,
         @summary, @patient_id)`,
    );
    // The visit's patient comes from the visit's own first event (same stream), as the visits read model holds it.
    const visitPatient = db.prepare<[string], { patient_id: string | null }>(
      'SELECT patient_id FROM read_visits WHERE visit_id = ?',
    );
    const remove = db.prepare<[string]>('DELETE FROM read_audit WHERE stream_id = ?');
    return {
      apply: (read) => {
        const { envelope } = read;
        const initiator = envelope.meta.initiator;
        let patientId: string | null = null;
        if (envelope.streamType === 'patient') patientId = envelope.streamId;
        else if (envelope.streamType === 'visit') {
          const data = envelope.data as { patientId?: unknown };
          patientId = typeof data.patientId === 'string' ? data.patientId : (visitPatient.get(envelope.streamId)?.patient_id ?? null);
        }
        insert.run({
          position: read.position,
          at: normalInstant(envelope.meta.raisedAt),
          staff_id: initiator.startsWith('device:') ? null : initiator,
          initiator,
          device_id: envelope.meta.deviceId,
          stream_type: envelope.streamType,
          stream_id: envelope.streamId,
          version: envelope.version,
          event_type: envelope.type,
          summary: read.known ? summarizeClinicEvent(read.event) : `${envelope.type} v${envelope.schemaVersion} (needs a newer app to read)`,
          patient_id: patientId,
        });
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
