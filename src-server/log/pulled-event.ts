import type { PulledEvent } from '../../shared/contract/sync-protocol.js';

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

/** A stored event as a pull serves it: its JSON text, and what the pull itself needs to know of it. */
export interface PulledEventText {
  readonly serverPosition: number;
  readonly eventId: string;
  /** The envelope in its stored schemaVersion, with the tenant HQ set and HQ's two fields (PulledEventSchema), as JSON. */
  readonly json: string;
}

/**
 * Written from the stored columns: data and meta are kept as the JSON text made when they were
 * pushed (push-plan.ts) and go out as they are, so a pull neither parses nor re-serializes them.
 * The fields are in the order PulledEventSchema lists them.
 */
export const pulledEventText = (row: StoredEventRow): PulledEventText => ({
  serverPosition: row.serverPosition,
  eventId: row.eventId,
  json: `{"eventId":${JSON.stringify(row.eventId)},"tenantId":${JSON.stringify(row.tenantId)},"streamType":${JSON.stringify(row.streamType)},"streamId":${JSON.stringify(row.streamId)},"version":${row.version},"type":${JSON.stringify(row.type)},"schemaVersion":${row.schemaVersion},"data":${row.data},"meta":${row.meta},"serverPosition":${row.serverPosition},"receivedAt":${JSON.stringify(row.receivedAt)}}`,
});

/** The event back as an object (tools and tests; a pull sends the text). */
export const parsePulledEvent = (event: PulledEventText): PulledEvent => JSON.parse(event.json) as PulledEvent;
