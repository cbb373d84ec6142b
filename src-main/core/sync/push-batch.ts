/**
 * Which pending events go in the next push (docs/architecture.md, "Push"). Pure: the worker
 * hands in pending events in local order and what it knows of each stream.
 *
 * An event of stream S goes only when S is not held back (a conflict or refusal waits for a
 * rebase; a quarantine for a release) and its previous version is published or earlier in the
 * same batch — pending events are a suffix of each stream, so taking each stream's pending events
 * in order from the first keeps that true. Each stream whose first event in the batch is not
 * version 1 names in `basis` the event that one was built on, so HQ never accepts it on top of a
 * history it was not decided on. The batch stops at the count and byte limits HQ publishes, but
 * never inside one command's events (a retry and its ConflictResolved, an observation and its
 * AnomalyFlagged): a command is delivered whole or not at all, so a rebase never finds half of
 * it published.
 */
import type { PendingEvent } from '../store/event-rows.js';

/** A pending event as the store hands it for a push: its envelope is UTF-8 JSON already. */
export type PushCandidate = PendingEvent;

/** What the worker reads back of a pushed event when HQ answers. */
export type PushedEvent = Pick<PendingEvent, 'eventId' | 'streamId' | 'version'>;

export interface PushBatchLimits {
  readonly maxEvents: number;
  /** For the whole request body. */
  readonly maxBytes: number;
}

export interface PushBatch {
  readonly events: readonly PushedEvent[];
  /** Each event as UTF-8 JSON, as measured against the byte limit: the push body is joined from them. */
  readonly bodies: readonly Uint8Array[];
  readonly basis: Readonly<Record<string, string>>;
  /** The position of the last candidate looked at: the next page of candidates starts after it. */
  readonly lastPosition: number;
  /** True when the limits cut the batch short (more is ready to go at once). */
  readonly full: boolean;
  /** How many commands it carries: a push of one cannot be made smaller (transfer-size.ts). */
  readonly commands: number;
}

/** Room for the request's own fields around the events. */
const ENVELOPE_OVERHEAD = 200;

export const selectPushBatch = (
  candidates: readonly PushCandidate[],
  streams: {
    readonly isHeld: (streamId: string) => boolean;
    /** The local event at a version (the one a stream's first pushed event was built on). */
    readonly eventIdAt: (streamId: string, version: number) => string | undefined;
  },
  limits: PushBatchLimits,
  /** False when more pending events follow the candidates: the last command may go on beyond them. */
  complete = true,
): PushBatch => {
  const events: PushedEvent[] = [];
  const bodies: Uint8Array[] = [];
  const basis: Record<string, string> = {};
  const inBatch = new Set<string>();
  /** Streams that stop here for this batch: held, or an earlier event left out. */
  const skipped = new Set<string>();
  let bytes = ENVELOPE_OVERHEAD;
  let lastPosition = 0;
  let full = false;
  let commands = 0;
  // A command's events are stored together, so they sit next to each other in local order.
  for (let index = 0; index < candidates.length; ) {
    const first = candidates[index] as PushCandidate;
    const { streamId, commandId } = first;
    let end = index + 1;
    while (end < candidates.length) {
      const next = candidates[end] as PushCandidate;
      if (next.streamId !== streamId || next.commandId !== commandId) break;
      end += 1;
    }
    const command = candidates.slice(index, end);
    const lastOfCommand = (command[command.length - 1] as PushCandidate).position;
    if (end === candidates.length && !complete && events.length > 0) {
      // The page ends inside what may be one command: it goes whole with the next batch.
      full = true;
      break;
    }
    // Held or not, a stream stays so for the whole batch: asked once per stream (store queries), not per command.
    if (skipped.has(streamId) || (!inBatch.has(streamId) && streams.isHeld(streamId))) {
      skipped.add(streamId);
      lastPosition = lastOfCommand;
      index = end;
      continue;
    }
    // Bytes as sent (UTF-8, with a comma each), not UTF-16 units: a memo in Korean is three bytes a syllable.
    const size = command.reduce((sum, { body }) => sum + body.length + 1, 0);
    // Whole commands only; a command too big for an empty batch goes alone (HQ's limits are far above one).
    if (events.length > 0 && (events.length + command.length > limits.maxEvents || bytes + size > limits.maxBytes)) {
      full = true;
      break;
    }
    if (!inBatch.has(streamId) && first.version > 1) {
      const built = streams.eventIdAt(streamId, first.version - 1);
      if (built === undefined) {
        // Its predecessor is not here (cannot happen in a healthy store): leave the stream for a rebase.
        skipped.add(streamId);
        lastPosition = lastOfCommand;
        index = end;
        continue;
      }
      basis[streamId] = built;
    }
    inBatch.add(streamId);
    for (const { eventId, version } of command) events.push({ eventId, streamId, version });
    for (const { body } of command) bodies.push(body);
    commands += 1;
    bytes += size;
    lastPosition = lastOfCommand;
    index = end;
  }
  return { events, bodies, basis, lastPosition, full, commands };
};
