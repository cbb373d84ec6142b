/**
 * read_audit: one row per event — when, which staff member (or device), which desk, what, which
 * patient. Kept for events this build cannot read too: an audit trail never has holes.
 */
import { summarizeClinicEvent } from '../../../shared/clinic/registry.js';
import { isConflictEventType } from '../../../shared/eventsourcing/index.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';

/** Visits whose patient stays in memory between batches. */
const REMEMBERED = 8_000;

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
    const insert = db.prepare<[number, string, string | null, string, string, string, string, number, string, string, string | null]>(
      `INSERT INTO read_audit (position, at, staff_id, initiator, device_id, stream_type, stream_id, version, event_type,
         summary, patient_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
     * The patient of recently seen visits, set as the visit's evolve sets it (a reservation names
     * the patient, a walk-in only a visit without one), with the version of the visit's last event
     * seen: the visits read model writes a batch at its end (visits.ts), so its rows may be behind
     * within a batch, and a visit whose next event is not after the remembered one (a transaction
     * rolled back) is read again.
     */
    const patients = new Map<string, { patient: string | null; version: number }>();
    const patientOfVisit = (visitId: string, version: number): { patient: string | null; version: number } => {
      const remembered = patients.get(visitId);
      if (remembered && remembered.version < version) return remembered;
      return { patient: visitPatient.get(visitId)?.patient_id ?? null, version: 0 };
    };
    return {
      apply: (read) => {
        const { envelope } = read;
        const initiator = envelope.meta.initiator;
        let patientId: string | null = null;
        if (envelope.streamType === 'patient') patientId = envelope.streamId;
        else if (envelope.streamType === 'visit') {
          const data = envelope.data as { patientId?: unknown };
          const named = typeof data.patientId === 'string' ? data.patientId : null;
          const before = patientOfVisit(envelope.streamId, envelope.version);
          patientId = named ?? before.patient;
          if (read.known && !isConflictEventType(read.event.type)) {
            let patient = before.patient;
            if (named !== null && read.event.type === 'Reserved') patient = named;
            else if (named !== null && read.event.type === 'WalkInRegistered') patient = before.patient ?? named;
            patients.delete(envelope.streamId); // re-insert: Map order is the order seen
            patients.set(envelope.streamId, { patient, version: envelope.version });
          }
        }
        insert.run(
          read.position,
          normalInstant(envelope.meta.raisedAt),
          initiator.startsWith('device:') ? null : initiator,
          initiator,
          envelope.meta.deviceId,
          envelope.streamType,
          envelope.streamId,
          envelope.version,
          envelope.type,
          read.known ? summarizeClinicEvent(read.event) : `${envelope.type} v${envelope.schemaVersion} (needs a newer app to read)`,
          patientId,
        );
      },
      flush: () => {
        for (const visitId of patients.keys()) {
          if (patients.size <= REMEMBERED) break;
          patients.delete(visitId);
        }
      },
      discard: () => patients.clear(),
      resetStream: (streamId) => {
        patients.delete(streamId);
        remove.run(streamId, streamId);
      },
    };
  },
};
