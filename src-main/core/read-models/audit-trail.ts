/**
 * read_audit: one row per event — when, which staff member (or device), which patient — clustered
 * by (at, position), the order the audit trail is read in. What the entry says (desk, stream,
 * event type, its sentence) is read from the event itself when the trail is shown
 * (`auditSummary`): a row stays a few dozen bytes, and a command writes it on one page beside
 * its two indexes. Kept for events this build cannot read too: an audit trail never has holes.
 */
import { clinicRegistry, summarizeClinicEvent } from '../../../shared/clinic/registry.js';
import { isConflictEventType } from '../../../shared/eventsourcing/index.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';

/** Visits whose patient stays in memory between batches. */
const REMEMBERED = 8_000;

/** Who acted, as the audit trail lists it: a staff member's id, or null when a device (kiosk) did. */
export const staffOf = (initiator: string): string | null => (initiator.startsWith('device:') ? null : initiator);

/**
 * The audit trail's sentence for an event, from its type, schemaVersion and data: the event's
 * own sentence when this build reads it, else its type and version (an event of a newer app, or
 * one kept as unreadable when it arrived).
 */
export const auditSummary = (type: string, schemaVersion: number, data: unknown, unreadable: boolean): string => {
  const event = unreadable ? undefined : clinicRegistry.eventOf(type, schemaVersion, data);
  return event ? summarizeClinicEvent(event) : `${type} v${schemaVersion} (needs a newer app to read)`;
};

export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  // 3: no index of its own by stream (a stream's rows are found through the log's), indexes declared apart;
  // 4: clustered by (at, position), what an entry says read from its event (one b-tree less per event),
  // indexes kept through a rebuild (projection.ts).
  version: 4,
  deferrable: true,
  seesConflictEvents: true,
  tables: ['read_audit'],
  schema: `
    CREATE TABLE read_audit (
      at         TEXT NOT NULL,     -- raisedAt, as normalInstant writes it
      position   INTEGER NOT NULL,  -- the event's position in the log
      staff_id   TEXT,              -- null when a device (kiosk) acted
      patient_id TEXT,
      PRIMARY KEY (at, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX read_audit_by_staff ON read_audit (staff_id, at, position);
    CREATE INDEX read_audit_by_patient ON read_audit (patient_id, at, position);
  `,
  bind: (db) => {
    const insert = db.prepare<[string, number, string | null, string | null]>(
      'INSERT INTO read_audit (at, position, staff_id, patient_id) VALUES (?, ?, ?, ?)',
    );
    // A visit's patient, as the visits read model holds it once written.
    const visitPatient = db.prepare<[string], { patient_id: string | null }>('SELECT patient_id FROM read_visits WHERE visit_id = ?');
    // Every event of a stream, live or set aside, through the log's own indexes: their rows' keys.
    const streamEvents = db.prepare<[string, string], { position: number; raised_at: string }>(
      `SELECT position, raised_at FROM events WHERE stream_id = ? AND sync_state <> 'set-aside'
       UNION ALL SELECT position, raised_at FROM events WHERE stream_id = ? AND sync_state = 'set-aside'`,
    );
    const remove = db.prepare<[string, number]>('DELETE FROM read_audit WHERE at = ? AND position = ?');
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
        insert.run(normalInstant(envelope.meta.raisedAt), read.position, staffOf(envelope.meta.initiator), patientId);
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
        for (const event of streamEvents.all(streamId, streamId)) remove.run(normalInstant(event.raised_at), event.position);
      },
    };
  },
};
