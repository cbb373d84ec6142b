/**
 * read_audit: one row per event — when, which staff member (or device), which desk, what, which
 * patient. Kept for events this build cannot read too: an audit trail never has holes.
 */
import { summarizeClinicEvent } from '../../../shared/clinic/registry.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';

export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  // 3: no index of its own by stream (a stream's rows are found through the log's), indexes declared apart.
  version: 3,
  seesConflictEvents: true,
  tables: ['read_audit'],
  schema: `
    CREATE TABLE read_audit (
      position    INTEGER PRIMARY KEY,  -- the event's position in the log
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
  `,
  indexes: [
    'CREATE INDEX read_audit_by_time ON read_audit (at, position)',
    'CREATE INDEX read_audit_by_staff ON read_audit (staff_id, at, position)',
    'CREATE INDEX read_audit_by_patient ON read_audit (patient_id, at, position)',
  ],
  bind: (db) => {
    const insert = db.prepare(
      `INSERT INTO read_audit (position, at, staff_id, initiator, device_id, stream_type, stream_id, version, event_type,
         summary, patient_id)
       VALUES (@position, @at, @staff_id, @initiator, @device_id, @stream_type, @stream_id, @version, @event_type,
         @summary, @patient_id)`,
    );
    // A visit's patient, as the visits read model holds it once written.
    const visitPatient = db.prepare<[string], { patient_id: string | null }>('SELECT patient_id FROM read_visits WHERE visit_id = ?');
    // Every row of a stream, live or set aside, through the log's own indexes (by position).
    const remove = db.prepare<[string, string]>(
      `DELETE FROM read_audit WHERE position IN (
         SELECT position FROM events WHERE stream_id = ? AND sync_state <> 'set-aside'
         UNION ALL SELECT position FROM events WHERE stream_id = ? AND sync_state = 'set-aside')`,
    );
    /**
     * The patient of each visit the current batch changed it on: the visits read model writes a
     * batch at its end (visits.ts), so within a batch its rows may not show it yet. Set as the
     * visit's evolve sets it: a reservation names the patient, a walk-in only a visit without one.
     */
    const namedInBatch = new Map<string, string | null>();
    const patientOfVisit = (visitId: string): string | null =>
      namedInBatch.has(visitId) ? (namedInBatch.get(visitId) ?? null) : (visitPatient.get(visitId)?.patient_id ?? null);
    return {
      apply: (read) => {
        const { envelope } = read;
        const initiator = envelope.meta.initiator;
        let patientId: string | null = null;
        if (envelope.streamType === 'patient') patientId = envelope.streamId;
        else if (envelope.streamType === 'visit') {
          const data = envelope.data as { patientId?: unknown };
          const named = typeof data.patientId === 'string' ? data.patientId : null;
          if (read.known && named !== null && read.event.type === 'Reserved') namedInBatch.set(envelope.streamId, named);
          else if (read.known && named !== null && read.event.type === 'WalkInRegistered') {
            namedInBatch.set(envelope.streamId, patientOfVisit(envelope.streamId) ?? named);
          }
          patientId = named ?? patientOfVisit(envelope.streamId);
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
      flush: () => namedInBatch.clear(),
      discard: () => namedInBatch.clear(),
      resetStream: (streamId) => {
        namedInBatch.delete(streamId);
        remove.run(streamId, streamId);
      },
    };
  },
};
