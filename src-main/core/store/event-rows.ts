import type { EventEnvelope, EventMeta } from '../../../shared/eventsourcing/index.js';

/** How an event sits in the `events` table. */
export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_type: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly meta: string;
  readonly tenant_id: string | null;
  readonly sync_state: 'pending' | 'published';
  readonly server_position: number | null;
  readonly received_at: string | null;
  /** 1 when this build could not apply the event (see migration 005). */
  readonly unreadable: number;
}

export const EVENT_COLUMNS =
  'position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, tenant_id, sync_state, server_position, received_at, unreadable';

export const envelopeOf = (row: EventRow): EventEnvelope => ({
  eventId: row.event_id,
  ...(row.tenant_id !== null ? { tenantId: row.tenant_id } : {}),
  streamType: row.stream_type,
  streamId: row.stream_id,
  version: row.version,
  type: row.type,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data) as unknown,
  meta: JSON.parse(row.meta) as EventMeta,
});

/**
 * Values for inserting an envelope, in the order of the events insert's first eleven columns
 * (event_id, stream_id, stream_type, version, type, schema_version, data, meta, tenant_id,
 * command_id, raised_at; the sync columns follow, set by the caller's statement). Positional: a
 * catch-up inserts a million of them, and better-sqlite3 binds an array without looking each name up.
 */
export const eventParams = (envelope: EventEnvelope): (string | number | null)[] => [
  envelope.eventId,
  envelope.streamId,
  envelope.streamType,
  envelope.version,
  envelope.type,
  envelope.schemaVersion,
  JSON.stringify(envelope.data),
  JSON.stringify(envelope.meta),
  envelope.tenantId ?? null,
  envelope.meta.commandId,
  envelope.meta.raisedAt,
];

/** What a push needs of a pending event: what its batch is chosen by, and its envelope as JSON. */
export interface PendingEvent {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly commandId: string;
  /** The envelope as UTF-8 JSON: JSON.stringify(envelopeOf(row)), as bytes. */
  readonly body: Uint8Array;
}

/**
 * A pending event's columns as PendingEvent, its envelope's JSON joined by SQLite from the row's own
 * texts in envelopeOf's key order: data and meta were stored as JSON.stringify made them
 * (eventParams), so parsing and serialising them again would give the same text. Read as a BLOB,
 * the UTF-8 goes from the file to the request body without becoming a JS string and back (a memo
 * in Korean is decoded to UTF-16 and encoded again otherwise): a third of choosing a batch.
 */
export const PENDING_EVENT_COLUMNS = `position, event_id AS eventId, stream_id AS streamId, version, command_id AS commandId,
  CAST('{"eventId":' || json_quote(event_id) || CASE WHEN tenant_id IS NULL THEN '' ELSE ',"tenantId":' || json_quote(tenant_id) END
    || ',"streamType":' || json_quote(stream_type) || ',"streamId":' || json_quote(stream_id) || ',"version":' || version
    || ',"type":' || json_quote(type) || ',"schemaVersion":' || schema_version || ',"data":' || data || ',"meta":' || meta || '}' AS BLOB) AS body`;
