/**
 * Which pending events go in the next push (docs/architecture.md, "Push"). Pure: the worker
 * hands in pending events in local order and what it knows of each stream.
 *
 * An event of stream S goes only when S is not held back (a conflict or refusal waits for a
 * rebase; a quarantine for a release) and its previous version is published or earlier in the
 * same batch — pending events are a suffix of each stream, so taking each stream's pending events
 * in order from the first keeps that true. Each stream whose first event in the batch is not
 * version 1 names in `basis` the event that one was built on, so HQ never accepts it on top of a
 * history it was not decided on. The batch stops at the count and byte limits HQ publishes.
 */
import type { EventEnvelope } from '../../../shared/eventsourcing/index.js';

export interface PushCandidate {
  readonly position: number;
  readonly envelope: EventEnvelope;
}

export interface PushBatchLimits {
  readonly maxEvents: number;
  /** For the whole request body. */
  readonly maxBytes: number;
}

export interface PushBatch {
  readonly events: readonly EventEnvelope[];
  readonly basis: Readonly<Record<string, string>>;
  /** The position of the last candidate looked at: the next page of candidates starts after it. */
  readonly lastPosition: number;
  /** True when the limits cut the batch short (more is ready to go at once). */
  readonly full: boolean;
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
): PushBatch => {
  const events: EventEnvelope[] = [];
  const basis: Record<string, string> = {};
  const inBatch = new Set<string>();
  /** Streams that stop here for this batch: held, or an earlier event left out by the limits. */
  const skipped = new Set<string>();
  let bytes = ENVELOPE_OVERHEAD;
  let lastPosition = 0;
  let full = false;
  for (const { position, envelope } of candidates) {
    const { streamId } = envelope;
    if (skipped.has(streamId) || streams.isHeld(streamId)) {
      skipped.add(streamId);
      lastPosition = position;
      continue;
    }
    const size = JSON.stringify(envelope).length + 1;
    if (events.length >= limits.maxEvents || bytes + size > limits.maxBytes) {
      full = true;
      break;
    }
    if (!inBatch.has(streamId) && envelope.version > 1) {
      const built = streams.eventIdAt(streamId, envelope.version - 1);
      if (built === undefined) {
        // Its predecessor is not here (cannot happen in a healthy store): leave the stream for a rebase.
        skipped.add(streamId);
        lastPosition = position;
        continue;
      }
      basis[streamId] = built;
    }
    inBatch.add(streamId);
    events.push(envelope);
    bytes += size;
    lastPosition = position;
  }
  return { events, basis, lastPosition, full };
};
