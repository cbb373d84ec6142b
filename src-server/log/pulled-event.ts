import type { PulledEvent } from '../../shared/contract/sync-protocol.js';

/**
 * A stored event as PostgreSQL's page reads it; data and meta are the JSON text that was pushed.
 * (HQ on SQLite has SQLite write the page: PAGE_SQL in
 * sqlite-event-log.ts; test/server/hq-page-json.int.spec.ts holds both to the same bytes.)
 */
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

/**
 * A page of the log as a pull serves it: its events' JSON (each an envelope in its stored
 * schemaVersion, with the tenant HQ set and HQ's two fields, PulledEventSchema), joined by commas
 * as the inside of the answer's array, in UTF-8; and what the pull itself needs to know of them.
 */
export interface PulledEvents {
  readonly json: Uint8Array;
  readonly count: number;
  /** The serverPosition of the last event; undefined for an empty page. */
  readonly lastPosition: number | undefined;
}

export const NO_EVENTS: PulledEvents = { json: new Uint8Array(0), count: 0, lastPosition: undefined };

/** A buffer written front to back, grown when what comes next does not fit. */
const byteWriter = (estimate: number) => {
  let buffer = Buffer.allocUnsafe(Math.max(256, estimate));
  let at = 0;
  const room = (bytes: number) => {
    if (at + bytes <= buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, at + bytes));
    buffer.copy(grown, 0, 0, at);
    buffer = grown;
  };
  return {
    text: (text: string) => {
      room(text.length * 3);
      at += buffer.write(text, at, 'utf8');
    },
    at: () => at,
    done: () => buffer.subarray(0, at),
  };
};

/**
 * The events of a page as JSON, written from the stored columns: data and meta are kept as the
 * JSON text made when they were pushed (push-plan.ts) and go out as they are, so a pull neither
 * parses nor re-serializes them. The fields are in the order PulledEventSchema lists them.
 * (HQ on SQLite has SQLite write the same bytes: sqlite-event-log.ts, PAGE_SQL.)
 */
export const pulledEvents = (rows: readonly StoredEventRow[]): PulledEvents => {
  if (rows.length === 0) return NO_EVENTS;
  let estimate = 0;
  for (const row of rows) estimate += 321 + (row.data.length + row.meta.length) * 3;
  const out = byteWriter(estimate);
  rows.forEach((row, index) => {
    out.text(
      `${index > 0 ? ',' : ''}{"eventId":${JSON.stringify(row.eventId)},"tenantId":${JSON.stringify(row.tenantId)},"streamType":${JSON.stringify(row.streamType)},"streamId":${JSON.stringify(row.streamId)},"version":${row.version},"type":${JSON.stringify(row.type)},"schemaVersion":${row.schemaVersion},"data":`,
    );
    out.text(row.data);
    out.text(',"meta":');
    out.text(row.meta);
    out.text(`,"serverPosition":${row.serverPosition},"receivedAt":${JSON.stringify(row.receivedAt)}}`);
  });
  return { json: out.done(), count: rows.length, lastPosition: rows.at(-1)?.serverPosition };
};

/** A pull's answer (PullResponseSchema) around its events' JSON, as UTF-8 bytes. */
export const pullResponseBytes = (answer: { readonly logId: string; readonly events: PulledEvents; readonly head: number; readonly more: boolean }): Buffer =>
  Buffer.concat([Buffer.from(`{"logId":${JSON.stringify(answer.logId)},"events":[`), answer.events.json, Buffer.from(`],"head":${answer.head},"more":${answer.more}}`)]);

/** The events back as objects (tools and tests; a pull sends the bytes). */
export const parsePulledEvents = (events: PulledEvents): PulledEvent[] => JSON.parse(`[${Buffer.from(events.json).toString('utf8')}]`) as PulledEvent[];
