/**
 * conflicts.list: the clinic's conflicts as sentences need them — what was tried and by whom,
 * what the desk had already (the other desks' events since the command was first decided, with
 * who did each), and how it was resolved. Open ones first, then those resolved in the last week.
 */
import type { Conflict, ConflictingEvent } from '../../../shared/contract/desk-views.js';
import type { Command } from '../../../shared/eventsourcing/index.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { auditSummary, staffOf } from '../read-models/audit-trail.js';
import { normalInstant } from '../read-models/clinic-time.js';

interface Row {
  conflict_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  command: string;
  code: string;
  message: string;
  waiting: string;
  decided_on: number;
  raised_at: string;
  device_id: string;
  status: 'open' | 'retried' | 'dismissed';
  resolved_by: string | null;
  resolved_at: string | null;
  reason: string | null;
  patient_id: string | null;
  patient_name: string | null;
}

const RESOLVED_SHOWN_MS = 7 * 24 * 60 * 60_000;

export const conflictQueries = (db: ReadableDb) => {
  const select = `
    SELECT c.*, p.patient_id AS patient_id, p.name AS patient_name
    FROM read_conflicts c
    LEFT JOIN read_visits v ON c.stream_type = 'visit' AND v.visit_id = c.stream_id
    LEFT JOIN read_patients p ON p.patient_id = CASE c.stream_type WHEN 'patient' THEN c.stream_id ELSE v.patient_id END`;
  const open = db.prepare<[], Row>(`${select} WHERE c.status = 'open' ORDER BY c.raised_at DESC, c.conflict_id`);
  const recent = db.prepare<[string], Row>(
    `${select} WHERE c.status <> 'open' AND c.resolved_at >= ? ORDER BY c.resolved_at DESC, c.conflict_id LIMIT 200`,
  );
  const one = db.prepare<[string], Row>(`${select} WHERE c.conflict_id = ?`);
  const openCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM read_conflicts WHERE status = 'open'");
  const staffName = db.prepare<[string], { name: string }>('SELECT name FROM read_staff WHERE staff_id = ?');
  // The stream's live events between the two versions, through the log's (stream, version) index,
  // as the audit trail words them.
  const between = db.prepare<
    [string, number, number],
    { version: number; type: string; schema_version: number; data: string; unreadable: number; raised_at: string; initiator: string; device_id: string }
  >(
    `SELECT version, type, schema_version, data, unreadable, raised_at, json_extract(meta, '$.initiator') AS initiator,
            json_extract(meta, '$.deviceId') AS device_id
     FROM events WHERE stream_id = ? AND sync_state <> 'set-aside' AND version > ? AND version < ?
     ORDER BY version`,
  );

  const nameOf = (staffId: string | null): string | null => (staffId ? (staffName.get(staffId)?.name ?? null) : null);

  /** What the other desks did to the stream between the command's decision and its conflict. */
  const theirs = (streamId: string, decidedOn: number, conflictVersion: number, deviceId: string): ConflictingEvent[] =>
    between
      .all(streamId, decidedOn, conflictVersion)
      .filter((event) => event.device_id !== deviceId)
      .map((event) => {
        const staffId = staffOf(event.initiator);
        return {
          version: event.version,
          eventType: event.type,
          summary: auditSummary(event.type, event.schema_version, JSON.parse(event.data), event.unreadable === 1),
          at: normalInstant(event.raised_at),
          staffId,
          staffName: nameOf(staffId),
          deviceId: event.device_id,
        };
      });

  const view = (row: Row): Conflict => {
    const command = JSON.parse(row.command) as Command;
    return {
      conflictId: row.conflict_id,
      streamId: row.stream_id,
      streamType: row.stream_type,
      patientId: row.patient_id,
      patientName: row.patient_name,
      command: {
        commandId: command.commandId,
        type: command.type,
        payload: command.payload,
        issuedBy: command.issuedBy,
        issuedByName: nameOf(command.issuedBy),
        issuedAt: command.issuedAt,
      },
      code: row.code,
      message: row.message,
      raisedAt: row.raised_at,
      deviceId: row.device_id,
      theirs: theirs(row.stream_id, row.decided_on, row.version, row.device_id),
      waiting: JSON.parse(row.waiting) as string[],
      status: row.status,
      resolution:
        row.status === 'open' || row.resolved_by === null || row.resolved_at === null
          ? null
          : { by: row.resolved_by, byName: nameOf(row.resolved_by), at: row.resolved_at, reason: row.reason },
    };
  };

  return {
    list: (now: Date): Conflict[] => [
      ...open.all().map(view),
      ...recent.all(new Date(now.getTime() - RESOLVED_SHOWN_MS).toISOString()).map(view),
    ],
    get: (conflictId: string): Conflict | undefined => {
      const row = one.get(conflictId);
      return row ? view(row) : undefined;
    },
    openCount: (): number => openCount.get()?.n ?? 0,
  };
};
