import type { PulledEvent } from '../../shared/contract/sync-protocol.js';

/**
 * A stored event as both stores read it; data and meta are the JSON text that was pushed, as a
 * string or as its UTF-8 bytes (SQLite hands them over as bytes, so a pull never decodes them).
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
  readonly data: string | Uint8Array;
  readonly meta: string | Uint8Array;
  readonly receivedAt: string;
}

/** A stored event as a pull serves it: its JSON, and what the pull itself needs to know of it. */
export interface PulledEventText {
  readonly serverPosition: number;
  readonly eventId: string;
  /** The envelope in its stored schemaVersion, with the tenant HQ set and HQ's two fields (PulledEventSchema), as UTF-8 JSON. */
  readonly json: Uint8Array;
}

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
    bytes: (bytes: Uint8Array) => {
      room(bytes.length);
      buffer.set(bytes, at);
      at += bytes.length;
    },
    at: () => at,
    done: () => buffer.subarray(0, at),
  };
};

/**
 * The events of a page as JSON, written from the stored columns: data and meta are kept as the
 * JSON text made when they were pushed (push-plan.ts) and go out as they are, so a pull neither
 * parses nor re-serializes them. The fields are in the order PulledEventSchema lists them. Each
 * event's JSON is a view into one buffer for the page.
 */
export const pulledEvents = (rows: readonly StoredEventRow[]): PulledEventText[] => {
  let estimate = 0;
  for (const row of rows) estimate += 320 + (typeof row.data === 'string' ? row.data.length * 3 : row.data.length) + (typeof row.meta === 'string' ? row.meta.length * 3 : row.meta.length);
  const out = byteWriter(estimate);
  const part = (value: string | Uint8Array) => (typeof value === 'string' ? out.text(value) : out.bytes(value));
  const spans = rows.map((row) => {
    const start = out.at();
    out.text(
      `{"eventId":${JSON.stringify(row.eventId)},"tenantId":${JSON.stringify(row.tenantId)},"streamType":${JSON.stringify(row.streamType)},"streamId":${JSON.stringify(row.streamId)},"version":${row.version},"type":${JSON.stringify(row.type)},"schemaVersion":${row.schemaVersion},"data":`,
    );
    part(row.data);
    out.text(',"meta":');
    part(row.meta);
    out.text(`,"serverPosition":${row.serverPosition},"receivedAt":${JSON.stringify(row.receivedAt)}}`);
    return { start, end: out.at() };
  });
  const buffer = out.done();
  return rows.map((row, index) => {
    const span = spans[index] as { start: number; end: number };
    return { serverPosition: row.serverPosition, eventId: row.eventId, json: buffer.subarray(span.start, span.end) };
  });
};

/** A pull's answer (PullResponseSchema) around its events' JSON, as UTF-8 bytes. */
export const pullResponseBytes = (answer: { readonly logId: string; readonly events: readonly PulledEventText[]; readonly head: number; readonly more: boolean }): Buffer => {
  const parts: Uint8Array[] = [Buffer.from(`{"logId":${JSON.stringify(answer.logId)},"events":[`)];
  const comma = Buffer.from(',');
  answer.events.forEach((event, index) => {
    if (index > 0) parts.push(comma);
    parts.push(event.json);
  });
  parts.push(Buffer.from(`],"head":${answer.head},"more":${answer.more}}`));
  return Buffer.concat(parts);
};

/** The event back as an object (tools and tests; a pull sends the bytes). */
export const parsePulledEvent = (event: PulledEventText): PulledEvent => JSON.parse(Buffer.from(event.json).toString('utf8')) as PulledEvent;
