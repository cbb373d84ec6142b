/**
 * The audit trail, newest first, filtered by staff member, patient (with the records merged into
 * it) and period, paged by an opaque cursor: keyset pagination on (at, position), so a page never
 * repeats or skips a row while new events arrive.
 */
import type { AuditEntry } from '../../../shared/contract/desk-views.js';
import { deskError } from '../rpc-errors.js';
import { auditSummary } from '../read-models/audit-trail.js';
import { normalInstant } from '../read-models/clinic-time.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { PATIENT_FAMILY } from './patient-search.js';

export interface AuditFilter {
  readonly staffId?: string | undefined;
  readonly patientId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** An audit row, what its event says (its data, and the desk from its meta) and the names joined to it. */
interface Row {
  position: number;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  patient_id: string | null;
  patient_name: string | null;
  device_id: string;
  stream_type: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  unreadable: number;
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
  throw deskError('VALIDATION', 'cursor: not a cursor this desk handed out');
};

type Params = {
  staff_id?: string;
  patient_id?: string;
  from: string;
  /** Inclusive upper bound of `at`: the earlier of the period's end and the cursor. */
  until: string;
  cursor_at: string;
  cursor_position: number;
  limit: number;
};

/** Bounds that stand for "no bound", so every predicate stays a plain range SQLite can seek. */
const EARLIEST = '';
const LATEST = '9999-12-31T23:59:59.999Z';

/**
 * The audit query for one filter shape. Without a staff member or patient it walks the table
 * (clustered by at, position) backwards from the cursor; with one, that one's index; each row's
 * event by its position. Every bound is a plain
 * comparison (no "@x IS NULL OR …"), and the upper one is a single term that already includes the
 * cursor, so a deep page seeks straight to where the last one ended. A patient is one record: the
 * records merged into it are read one by one and merged here (patient_id IN (…) would make SQLite
 * sort every row of those patients before the first page).
 */
export const auditSql = (byStaff: boolean, byPatient: boolean): string => `
  SELECT a.at, a.position, a.staff_id, s.name AS staff_name, a.patient_id, p.name AS patient_name,
         json_extract(e.meta, '$.deviceId') AS device_id, e.stream_type, e.stream_id, e.version, e.type, e.schema_version,
         e.data, e.unreadable
  FROM read_audit a
  JOIN events e ON e.position = a.position
  LEFT JOIN read_staff s ON s.staff_id = a.staff_id
  LEFT JOIN read_patients p ON p.patient_id = a.patient_id
  WHERE ${byStaff ? 'a.staff_id = @staff_id AND' : ''}
        ${byPatient ? 'a.patient_id = @patient_id AND' : ''}
        a.at >= @from AND a.at <= @until
    AND (a.at, a.position) < (@cursor_at, @cursor_position)
  ORDER BY a.at DESC, a.position DESC
  LIMIT @limit`;

/** `to` is exclusive and instants are stored to the millisecond, so "< to" is "<= to − 1 ms". */
const upperBound = (to: string | undefined, cursorAt: string | undefined): string => {
  const beforeTo = to ? new Date(Date.parse(to) - 1).toISOString() : LATEST;
  return cursorAt !== undefined && cursorAt < beforeTo ? cursorAt : beforeTo;
};

/** Newest first, as the query orders them. */
const newerFirst = (a: Row, b: Row): number => (a.at === b.at ? b.position - a.position : a.at < b.at ? 1 : -1);

export const auditQuery = (db: ReadableDb) => {
  const family = db.prepare<[string], string>(`WITH RECURSIVE ${PATIENT_FAMILY} SELECT id FROM family`).pluck();
  const statements = new Map<string, ReturnType<typeof db.prepare<Params, Row>>>();
  const statementFor = (byStaff: boolean, byPatient: boolean) => {
    const key = `${byStaff}-${byPatient}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare<Params, Row>(auditSql(byStaff, byPatient));
      statements.set(key, statement);
    }
    return statement;
  };
  return (filter: AuditFilter): { items: AuditEntry[]; cursor?: string } => {
    const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;
    const params: Params = {
      ...(filter.staffId !== undefined ? { staff_id: filter.staffId } : {}),
      from: filter.from ? normalInstant(filter.from) : EARLIEST,
      until: upperBound(filter.to, cursor?.at),
      cursor_at: cursor?.at ?? LATEST,
      cursor_position: cursor?.position ?? Number.MAX_SAFE_INTEGER,
      limit: filter.limit + 1,
    };
    const statement = statementFor(filter.staffId !== undefined, filter.patientId !== undefined);
    const rows =
      filter.patientId === undefined
        ? statement.all(params)
        : family
            .all(filter.patientId)
            .flatMap((patientId) => statement.all({ ...params, patient_id: patientId }))
            .sort(newerFirst)
            .slice(0, filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const items = page.map(
      (row): AuditEntry => ({
        position: row.position,
        at: row.at,
        staffId: row.staff_id,
        staffName: row.staff_name,
        deviceId: row.device_id,
        streamType: row.stream_type,
        streamId: row.stream_id,
        version: row.version,
        eventType: row.type,
        summary: auditSummary(row.type, row.schema_version, JSON.parse(row.data), row.unreadable === 1),
        patientId: row.patient_id,
        patientName: row.patient_name,
      }),
    );
    const last = page[page.length - 1];
    return rows.length > filter.limit && last ? { items, cursor: encodeCursor(last) } : { items };
  };
};
