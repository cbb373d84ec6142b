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

/** Parameters for inserting an envelope (sync columns are set by the caller's statement). */
export const eventParams = (envelope: EventEnvelope) => ({
  event_id: envelope.eventId,
  stream_id: envelope.streamId,
  stream_type: envelope.streamType,
  version: envelope.version,
  type: envelope.type,
  schema_version: envelope.schemaVersion,
  data: JSON.stringify(envelope.data),
  meta: JSON.stringify(envelope.meta),
  tenant_id: envelope.tenantId ?? null,
  command_id: envelope.meta.commandId,
  raised_at: envelope.meta.raisedAt,
});

/** What a push needs of a pending event: what its batch is chosen by, and its envelope as JSON text. */
export interface PendingEvent {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly commandId: string;
  /** JSON.stringify(envelopeOf(row)), joined from the stored data and meta texts, never parsed. */
  readonly text: string;
}

export type PendingRow = Pick<EventRow, 'position' | 'event_id' | 'stream_id' | 'stream_type' | 'version' | 'type' | 'schema_version' | 'data' | 'meta' | 'tenant_id'> & {
  readonly command_id: string;
};

export const PENDING_COLUMNS = 'position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, tenant_id, command_id';

/**
 * The envelope's JSON text, in envelopeOf's key order, from the row's own texts: data and meta were
 * stored as JSON.stringify made them (eventParams), and parsing and serialising them again gives
 * the same text, so a push is built without either (a third of choosing a batch).
 */
export const pendingEventOf = (row: PendingRow): PendingEvent => ({
  position: row.position,
  eventId: row.event_id,
  streamId: row.stream_id,
  version: row.version,
  commandId: row.command_id,
  text:
    `{"eventId":${JSON.stringify(row.event_id)}${row.tenant_id !== null ? `,"tenantId":${JSON.stringify(row.tenant_id)}` : ''}` +
    `,"streamType":${JSON.stringify(row.stream_type)},"streamId":${JSON.stringify(row.stream_id)},"version":${row.version}` +
    `,"type":${JSON.stringify(row.type)},"schemaVersion":${row.schema_version},"data":${row.data},"meta":${row.meta}}`,
});
