/**
 * The decision for each event of a push (docs/architecture.md, "HQ protocol"), as a pure function of the batch and of what
 * the database holds. Both stores read `recorded` and `streams` inside their push transaction,
 * after locking the tenant's head row, call planPush, and write exactly `inserts` and `head`.
 *
 * Per event, in batch order:
 *   - invalid envelope                                → rejected INVALID_ENVELOPE
 *   - its stream already failed earlier in the batch  → blocked (nothing is stored out of order)
 *   - eventId known to the tenant, same content       → duplicate (its serverPosition)
 *   - eventId known to the tenant, other content      → rejected EVENT_ID_REUSED
 *   - stream exists with another streamType           → rejected STREAM_TYPE_MISMATCH
 *   - first event of its stream in the batch, with a
 *     basis, and HQ holds another event at version-1  → conflict (headVersion)
 *   - version = stream head + 1                       → accepted, next serverPosition
 *   - version <= stream head                          → conflict (headVersion)
 *   - version > stream head + 1                       → rejected VERSION_GAP (headVersion)
 * Anything but accepted or duplicate blocks the rest of that stream in the batch; other streams
 * are unaffected. A command's events (consecutive events of one stream with one commandId) go in
 * whole or not at all: when one of them is refused, the ones before it that would have been
 * accepted are `blocked` instead, so a rebase never finds half a command published. Positions are
 * handed out consecutively from the tenant head, so they have no gaps.
 *
 * The basis (docs/architecture.md, "HQ protocol") names, per stream, the event the batch's first event of that stream
 * was built on: a later event is never accepted on top of a history it was not decided on. It is
 * checked only where the event would be placed: an event already recorded is a duplicate
 * whatever the basis says (delivery twice stays safe), and a basis version HQ does not hold yet
 * is a VERSION_GAP, as without a basis.
 */
import type { PushResult } from '../../shared/contract/sync-protocol.js';
import { canonicalJson } from '../../shared/eventsourcing/canonical-json.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import type { CheckedEvent } from './checked-event.js';

/** An event the tenant already holds, as the store reads it back (data and meta as stored JSON). */
export interface RecordedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly meta: string;
  readonly serverPosition: number;
}

export interface StreamHead {
  readonly streamType: string;
  readonly version: number;
}

export interface PushPlanInput {
  readonly events: readonly CheckedEvent[];
  /** The tenant's head position before this batch. */
  readonly head: number;
  /** The batch's eventIds that the tenant already holds. */
  readonly recorded: ReadonlyMap<string, RecordedEvent>;
  /** Heads of the batch's streams that already exist. */
  readonly streams: ReadonlyMap<string, StreamHead>;
  /** The request's basis: per stream, the eventId its first pushed event was built on. */
  readonly basis: ReadonlyMap<string, string>;
  /** Per entry of basisVersionsFor, the eventId HQ holds at that version (absent when it holds none). */
  readonly heldAtBasis: ReadonlyMap<string, string>;
}

/** An accepted event, serialized once for whichever database writes it. */
export interface PlannedInsert {
  readonly serverPosition: number;
  readonly envelope: EventEnvelope;
  readonly data: string;
  readonly meta: string;
}

export interface PushPlan {
  readonly results: readonly PushResult[];
  readonly inserts: readonly PlannedInsert[];
  /** The tenant's head after this batch. */
  readonly head: number;
}

/** The ids a store must look up before planning. */
export const lookupsFor = (events: readonly CheckedEvent[]): { eventIds: string[]; streamIds: string[] } => {
  const eventIds = new Set<string>();
  const streamIds = new Set<string>();
  for (const event of events) {
    if (event.kind === 'valid') {
      eventIds.add(event.envelope.eventId);
      streamIds.add(event.envelope.streamId);
    }
  }
  return { eventIds: [...eventIds], streamIds: [...streamIds] };
};

/** The stream an event names; an invalid one may still name it. */
const streamOf = (event: CheckedEvent): string | undefined => (event.kind === 'valid' ? event.envelope.streamId : event.streamId);

/** The first event of each stream in the batch, valid or not. */
const firstEvents = (events: readonly CheckedEvent[]): Map<string, CheckedEvent> => {
  const first = new Map<string, CheckedEvent>();
  for (const event of events) {
    const streamId = streamOf(event);
    if (streamId !== undefined && !first.has(streamId)) first.set(streamId, event);
  }
  return first;
};

/**
 * Why the request's basis cannot be meant for this batch, or undefined: each entry must name a
 * stream of the batch whose first event is not version 1 (one built on nothing has no basis).
 * The push is then refused whole (MALFORMED): the desk that sent it has lost track of its streams.
 */
export const basisProblem = (events: readonly CheckedEvent[], basis: ReadonlyMap<string, string>): string | undefined => {
  if (basis.size === 0) return undefined;
  const first = firstEvents(events);
  for (const streamId of basis.keys()) {
    const event = first.get(streamId);
    if (!event) return `basis names stream ${streamId}, which has no event in this push`;
    if (event.kind === 'valid' && event.envelope.version === 1) {
      return `basis names stream ${streamId}, whose first pushed event is version 1 and so built on nothing`;
    }
  }
  return undefined;
};

/** The versions a store must look up for the basis check: the one before each basis stream's first event. */
export const basisVersionsFor = (
  events: readonly CheckedEvent[],
  basis: ReadonlyMap<string, string>,
): { readonly streamId: string; readonly version: number }[] => {
  if (basis.size === 0) return [];
  const first = firstEvents(events);
  const versions: { streamId: string; version: number }[] = [];
  for (const streamId of basis.keys()) {
    const event = first.get(streamId);
    if (event?.kind === 'valid' && event.envelope.version > 1) versions.push({ streamId, version: event.envelope.version - 1 });
  }
  return versions;
};

interface Comparable {
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly meta: string;
}

/** Key order inside data and meta does not make two events different; everything else does. */
const sameContent = (a: Comparable, b: Comparable): boolean =>
  a.streamId === b.streamId &&
  a.streamType === b.streamType &&
  a.version === b.version &&
  a.type === b.type &&
  a.schemaVersion === b.schemaVersion &&
  (a.data === b.data || canonicalJson(JSON.parse(a.data)) === canonicalJson(JSON.parse(b.data))) &&
  (a.meta === b.meta || canonicalJson(JSON.parse(a.meta)) === canonicalJson(JSON.parse(b.meta)));

/** One pass over the batch; `held` are events blocked beforehand (their command was refused). */
const planEach = (input: PushPlanInput, held: ReadonlySet<string>): PushPlan => {
  const results: PushResult[] = [];
  const inserts: PlannedInsert[] = [];
  const streams = new Map(input.streams);
  const known = new Map<string, RecordedEvent>(input.recorded);
  /** Streams whose earlier event in this batch did not go in, with that event's id. */
  const failed = new Map<string, string>();
  /** Streams whose first event in this batch has been decided (the basis applies to it only). */
  const started = new Set<string>();
  let head = input.head;

  for (const event of input.events) {
    const named = streamOf(event);
    const firstOfStream = named !== undefined && !started.has(named);
    if (named !== undefined) started.add(named);
    if (event.kind === 'invalid') {
      results.push({ eventId: event.eventId, status: 'rejected', reason: 'INVALID_ENVELOPE', detail: event.detail });
      if (event.streamId !== undefined && !failed.has(event.streamId)) failed.set(event.streamId, event.eventId);
      continue;
    }
    const { envelope } = event;
    const { eventId, streamId } = envelope;
    const blocker = failed.get(streamId);
    if (blocker !== undefined) {
      results.push({ eventId, status: 'blocked', detail: `stream ${streamId} stopped at event ${blocker} in this batch` });
      continue;
    }
    if (held.has(eventId)) {
      results.push({ eventId, status: 'blocked', detail: `another event of command ${envelope.meta.commandId} was refused in this batch` });
      failed.set(streamId, eventId);
      continue;
    }
    const candidate: Comparable = {
      streamId,
      streamType: envelope.streamType,
      version: envelope.version,
      type: envelope.type,
      schemaVersion: envelope.schemaVersion,
      data: JSON.stringify(envelope.data),
      meta: JSON.stringify(envelope.meta),
    };
    const existing = known.get(eventId);
    if (existing) {
      if (sameContent(existing, candidate)) {
        results.push({ eventId, status: 'duplicate', serverPosition: existing.serverPosition });
      } else {
        results.push({ eventId, status: 'rejected', reason: 'EVENT_ID_REUSED', detail: `held by ${existing.streamId} v${existing.version}` });
        failed.set(streamId, eventId);
      }
      continue;
    }
    const stream = streams.get(streamId);
    const headVersion = stream?.version ?? 0;
    const basis = firstOfStream ? input.basis.get(streamId) : undefined;
    if (stream && stream.streamType !== envelope.streamType) {
      results.push({
        eventId,
        status: 'rejected',
        reason: 'STREAM_TYPE_MISMATCH',
        detail: `stream ${streamId} is a ${stream.streamType} stream`,
      });
      failed.set(streamId, eventId);
    } else if (basis !== undefined && envelope.version - 1 <= headVersion && input.heldAtBasis.get(streamId) !== basis) {
      // HQ holds another event where this one's history says its predecessor is
      results.push({ eventId, status: 'conflict', headVersion });
      failed.set(streamId, eventId);
    } else if (envelope.version === headVersion + 1) {
      head += 1;
      inserts.push({ serverPosition: head, envelope, data: candidate.data, meta: candidate.meta });
      streams.set(streamId, { streamType: envelope.streamType, version: envelope.version });
      known.set(eventId, { ...candidate, eventId, serverPosition: head });
      results.push({ eventId, status: 'accepted', serverPosition: head });
    } else if (envelope.version <= headVersion) {
      results.push({ eventId, status: 'conflict', headVersion });
      failed.set(streamId, eventId);
    } else {
      results.push({ eventId, status: 'rejected', reason: 'VERSION_GAP', headVersion, detail: `stream ${streamId} is at version ${headVersion}` });
      failed.set(streamId, eventId);
    }
  }
  return { results, inserts, head };
};

const goesIn = (result: PushResult): boolean => result.status === 'accepted' || result.status === 'duplicate';

/** Positions in the batch of each command's events: consecutive valid events of one stream and one commandId. */
const commandsOf = (events: readonly CheckedEvent[]): number[][] => {
  const groups: number[][] = [];
  let key = '';
  events.forEach((event, index) => {
    const [streamId, commandId] = event.kind === 'valid' ? [event.envelope.streamId, event.envelope.meta.commandId] : [event.streamId, event.commandId];
    const next = streamId !== undefined && commandId !== undefined ? `${streamId}\n${commandId}` : `alone ${index}`;
    if (next === key) (groups[groups.length - 1] as number[]).push(index);
    else groups.push([index]);
    key = next;
  });
  return groups;
};

export const planPush = (input: PushPlanInput): PushPlan => {
  const first = planEach(input, new Set());
  const held = new Set<string>();
  for (const group of commandsOf(input.events)) {
    if (group.every((index) => goesIn(first.results[index] as PushResult))) continue;
    for (const index of group) {
      const result = first.results[index] as PushResult;
      if (result.status === 'accepted') held.add(result.eventId);
    }
  }
  if (held.size === 0) return first;
  // Again without the refused commands' other events; each refusal keeps its own reason.
  const again = planEach(input, held);
  return { ...again, results: again.results.map((result, index) => (held.has(result.eventId) || goesIn(result) ? result : (first.results[index] as PushResult))) };
};
