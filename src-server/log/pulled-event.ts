import type { PulledEvent } from '../../shared/contract/sync-protocol.js';

/**
 * A page of the log as a pull serves it: its events' JSON (each an envelope in its stored
 * schemaVersion, with the tenant HQ set and HQ's two fields, PulledEventSchema), joined by commas
 * as the inside of the answer's array, in UTF-8; and what the pull itself needs to know of them.
 * Each store has its database write the JSON from the stored columns (PAGE_SQL in
 * sqlite-event-log.ts and postgres-event-log.ts): data and meta are the JSON text made when they
 * were pushed (push-plan.ts) and go out as they are, so a pull neither parses nor re-serializes
 * them, and HQ never decodes a page. test/server/hq-page-json.int.spec.ts holds both to the bytes
 * JSON.stringify would write.
 */
export interface PulledEvents {
  readonly json: Uint8Array;
  readonly count: number;
  /** The serverPosition of the last event; undefined for an empty page. */
  readonly lastPosition: number | undefined;
}

export const NO_EVENTS: PulledEvents = { json: new Uint8Array(0), count: 0, lastPosition: undefined };

/** A pull's answer (PullResponseSchema) around its events' JSON, as UTF-8 bytes. */
export const pullResponseBytes = (answer: { readonly logId: string; readonly events: PulledEvents; readonly head: number; readonly more: boolean }): Buffer =>
  Buffer.concat([Buffer.from(`{"logId":${JSON.stringify(answer.logId)},"events":[`), answer.events.json, Buffer.from(`],"head":${answer.head},"more":${answer.more}}`)]);

/** The events back as objects (tools and tests; a pull sends the bytes). */
export const parsePulledEvents = (events: PulledEvents): PulledEvent[] => JSON.parse(`[${Buffer.from(events.json).toString('utf8')}]`) as PulledEvent[];
