import type { PulledEvent } from '../../shared/contract/sync-protocol.js';
import type { EventMeta } from '../../shared/eventsourcing/event.js';

/** A stored event as both stores read it; data and meta are the JSON text that was pushed. */
export interface StoredEventRow {
  readonly tenantId: string;
  readonly serverPosition: number;
  readonly eventId: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly meta: string;
  readonly receivedAt: string;
}

/** The envelope in its stored schemaVersion, with the tenant HQ set and HQ's two fields. */
export const pulledEventOf = (row: StoredEventRow): PulledEvent => ({
  eventId: row.eventId,
  tenantId: row.tenantId,
  streamType: row.streamType,
  streamId: row.streamId,
  version: row.version,
  type: row.type,
  schemaVersion: row.schemaVersion,
  data: JSON.parse(row.data) as Record<string, unknown>,
  meta: JSON.parse(row.meta) as EventMeta,
  serverPosition: row.serverPosition,
  receivedAt: row.receivedAt,
});
