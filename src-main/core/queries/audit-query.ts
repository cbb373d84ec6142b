/**
 * The audit trail, newest first, filtered by staff member, patient (with the records merged into
 * it) and period, paged by an opaque cursor: keyset pagination on (at, position), so a page never
 * repeats or skips a row while new events arrive.
 */
import type { AuditEntry } from '../../../shared/contract/desk-views.js';
import { DomainError } from '../../../shared/eventsourcing/index.js';
import { normalInstant } from '../read-models/clinic-time.js';
import type { ReadableDb } from '../store/sqlite.js';
import { PATIENT_FAMILY } from './patient-search.js';

export interface AuditFilter {
  readonly staffId?: string | undefined;
  readonly patientId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

interface Row {
  position: number;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  device_id: string;
  stream_type: string;
  stream_id: string;
  version: number;
  event_type: string;
  summary: string;
  patient_id: string | null;
  patient_name: string | null;
}

const encodeCursor = (row: Row): string => Buffer.from(JSON.stringify([row.at, row.position])).toString('base64url');

const decodeCursor = (cursor: string): { at: string; position: number } => {
  try {
    const [at, position] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && Number.isInteger(position) && !Number.isNaN(Date.parse(at))) {
      return { at, position: position as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('VALIDATION', 'cursor: not a cursor this desk handed out');
};

type Params = {
  staff_id: string | null;
  patient_id: string | null;
  from: string | null;
  to: string | null;
  cursor_at: string | null;
  cursor_position: number | null;
  limit: number;
};

export const auditQuery = (db: ReadableDb) => {
  // One statement per filter shape, so SQLite can use the staff or patient index when one is given.
  const statements = new Map<string, ReturnType<typeof db.prepare<Params, Row>>>();
  const statementFor = (byStaff: boolean, byPatient: boolean) => {
    const key = `${byStaff}-${byPatient}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare<Params, Row>(
        `${byPatient ? `WITH RECURSIVE ${PATIENT_FAMILY.replace('?', '@patient_id')}` : ''}
         SELECT a.position, a.at, a.staff_id, s.name AS staff_name, a.device_id, a.stream_type, a.stream_id, a.version,
                a.event_type, a.summary, a.patient_id, p.name AS patient_name
         FROM read_audit a
         LEFT JOIN read_staff s ON s.staff_id = a.staff_id
         LEFT JOIN read_patients p ON p.patient_id = a.patient_id
         WHERE ${byStaff ? 'a.staff_id = @staff_id' : '@staff_id IS NULL'}
           AND ${byPatient ? 'a.patient_id IN (SELECT id FROM family)' : '@patient_id IS NULL'}
           AND (@from IS NULL OR a.at >= @from)
           AND (@to IS NULL OR a.at < @to)
           AND (@cursor_at IS NULL OR a.at < @cursor_at OR (a.at = @cursor_at AND a.position < @cursor_position))
         ORDER BY a.at DESC, a.position DESC
         LIMIT @limit`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  return (filter: AuditFilter): { items: AuditEntry[]; cursor?: string } => {
    const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;
    const rows = statementFor(filter.staffId !== undefined, filter.patientId !== undefined).all({
      staff_id: filter.staffId ?? null,
      patient_id: filter.patientId ?? null,
      from: filter.from ? normalInstant(filter.from) : null,
      to: filter.to ? normalInstant(filter.to) : null,
      cursor_at: cursor?.at ?? null,
      cursor_position: cursor?.position ?? null,
      limit: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const items = page.map((row) => ({
      position: row.position,
      at: row.at,
      staffId: row.staff_id,
      staffName: row.staff_name,
      deviceId: row.device_id,
      streamType: row.stream_type,
      streamId: row.stream_id,
      version: row.version,
      eventType: row.event_type,
      summary: row.summary,
      patientId: row.patient_id,
      patientName: row.patient_name,
    }));
    const last = page[page.length - 1];
    return rows.length > filter.limit && last ? { items, cursor: encodeCursor(last) } : { items };
  };
};
