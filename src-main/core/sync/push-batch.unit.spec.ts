import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/eventsourcing/index.js';
import { selectPushBatch, type PushCandidate } from './push-batch.js';

/** An event; each is its own command unless `commandId` says otherwise. */
const event = (streamId: string, version: number, size = 10, commandId = `${streamId}-${version}-command`): EventEnvelope => ({
  eventId: `${streamId}-${version}`,
  streamType: 'visit',
  streamId,
  version,
  type: 'MemoAdded',
  schemaVersion: 1,
  data: { text: 'x'.repeat(size) },
  meta: { commandId, processId: commandId, initiator: 's', predecessorId: commandId, deviceId: 'd', raisedAt: '2026-12-01T00:00:00.000Z', appVersion: '0.1.0' },
});

/** Pending events in local order, as the store hands them. */
const pending = (...events: EventEnvelope[]): PushCandidate[] =>
  events.map((envelope, index) => ({
    position: index + 1,
    eventId: envelope.eventId,
    streamId: envelope.streamId,
    version: envelope.version,
    commandId: envelope.meta.commandId,
    body: Buffer.from(JSON.stringify(envelope)),
  }));

const published = (streamId: string, version: number) => `${streamId}-${version}-published`;
const streams = (held: readonly string[] = []) => ({
  isHeld: (streamId: string) => held.includes(streamId),
  eventIdAt: (streamId: string, version: number) => published(streamId, version),
});
const roomy = { maxEvents: 1_000, maxBytes: 1_000_000 };

describe('the next push batch', () => {
  it('given pending events, carries each as its UTF-8 JSON beside it (what the push body is joined from)', () => {
    const envelopes = [event('a', 3), event('b', 1, 40), event('a', 4)];
    const batch = selectPushBatch(pending(...envelopes), streams(), roomy);
    expect(batch.events).toEqual(envelopes.map(({ eventId, streamId, version }) => ({ eventId, streamId, version })));
    expect(batch.bodies.map((body) => Buffer.from(body).toString('utf8'))).toEqual(envelopes.map((envelope) => JSON.stringify(envelope)));
  });

  describe('given pending events of several streams', () => {
    it('takes them in local order, naming for each stream the event its first one was built on', () => {
      const batch = selectPushBatch(pending(event('a', 3), event('b', 1), event('a', 4), event('c', 7)), streams(), roomy);
      expect(batch.events.map((e) => e.eventId)).toEqual(['a-3', 'b-1', 'a-4', 'c-7']);
      expect(batch.basis).toEqual({ a: published('a', 2), c: published('c', 6) });
      expect(batch).toMatchObject({ lastPosition: 4, full: false });
    });
  });

  describe('given a held stream (a conflict waiting for a rebase, a quarantine)', () => {
    it('leaves all of that stream out and the others in', () => {
      const batch = selectPushBatch(pending(event('a', 3), event('b', 1), event('a', 4)), streams(['a']), roomy);
      expect(batch.events.map((e) => e.eventId)).toEqual(['b-1']);
      expect(batch.basis).toEqual({});
    });
  });

  describe('given many commands of a few streams (a desk back from an outage)', () => {
    it('asks whether each stream is held once, not once per command', () => {
      const asked: string[] = [];
      const counting = {
        ...streams(),
        isHeld: (streamId: string) => {
          asked.push(streamId);
          return streamId === 'b';
        },
      };
      const events = Array.from({ length: 30 }, (_, index) => event(['a', 'b', 'c'][index % 3] as string, Math.floor(index / 3) + 1));
      const batch = selectPushBatch(pending(...events), counting, roomy);
      expect(batch.events).toHaveLength(20);
      expect(asked.sort()).toEqual(['a', 'b', 'c']);
    });
  });

  describe('given more than the limits allow', () => {
    it('stops at the count or the bytes, says it is full, and never sends a stream past a cut', () => {
      const byCount = selectPushBatch(pending(event('a', 1), event('b', 1), event('a', 2)), streams(), { maxEvents: 2, maxBytes: 1_000_000 });
      expect(byCount.events.map((e) => e.eventId)).toEqual(['a-1', 'b-1']);
      expect(byCount).toMatchObject({ full: true, lastPosition: 2 });
      const size = JSON.stringify(event('a', 1, 500)).length;
      const byBytes = selectPushBatch(pending(event('a', 1, 500), event('a', 2, 500)), streams(), { maxEvents: 10, maxBytes: size + 400 });
      expect(byBytes.events.map((e) => e.eventId)).toEqual(['a-1']);
      expect(byBytes.full).toBe(true);
    });

    it('counts the bytes sent (UTF-8): Korean text that fits in UTF-16 units but not in bytes is cut', () => {
      const korean = (version: number): EventEnvelope => ({ ...event('a', version), data: { text: '레이저토닝상담'.repeat(100) } });
      const units = JSON.stringify(korean(1)).length;
      const bytes = Buffer.byteLength(JSON.stringify(korean(1)), 'utf8');
      const maxBytes = 2 * units + 400;
      // Two events fit the limit counted in UTF-16 units, not in the bytes the request carries.
      expect(2 * (units + 1) + 200).toBeLessThanOrEqual(maxBytes);
      expect(2 * (bytes + 1) + 200).toBeGreaterThan(maxBytes);
      const batch = selectPushBatch(pending(korean(1), korean(2)), streams(), { maxEvents: 10, maxBytes });
      expect(batch.events.map((e) => e.eventId)).toEqual(['a-1']);
      expect(batch.full).toBe(true);
    });
  });

  describe('given a command of several events (a retry and its ConflictResolved)', () => {
    it('never cuts inside it: the whole command goes, or none of it', () => {
      const retried = [event('a', 2, 10, 'retry'), event('a', 3, 10, 'retry')];
      const cut = selectPushBatch(pending(event('b', 1), ...retried), streams(), { maxEvents: 2, maxBytes: 1_000_000 });
      expect(cut.events.map((e) => e.eventId)).toEqual(['b-1']);
      expect(cut).toMatchObject({ full: true, lastPosition: 1 });
      const whole = selectPushBatch(pending(...retried, event('b', 1)), streams(), { maxEvents: 2, maxBytes: 1_000_000 });
      expect(whole.events.map((e) => e.eventId)).toEqual(['a-2', 'a-3']);
      // A page of candidates that ends inside the command (more pending follows): it waits for the next batch.
      const page = selectPushBatch(pending(event('b', 1), event('a', 2, 10, 'retry')), streams(), roomy, false);
      expect(page.events.map((e) => e.eventId)).toEqual(['b-1']);
      expect(page.full).toBe(true);
      // Alone in a batch, a command bigger than the limits still goes: HQ's limits are far above any one command.
      expect(selectPushBatch(pending(...retried), streams(), { maxEvents: 1, maxBytes: 1_000_000 }).events).toHaveLength(2);
    });
  });

  it('keeps each stream a gap-free run from its first pending event, whatever the mix, holds and limits', () => {
    const candidates = fc
      .array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 60 })
      .map((order) => {
        const next = new Map<string, number>();
        return pending(...order.map((streamId) => event(streamId, (next.set(streamId, (next.get(streamId) ?? 4) + 1), next.get(streamId) as number))));
      });
    fc.assert(
      fc.property(candidates, fc.subarray(['a', 'b', 'c', 'd']), fc.integer({ min: 1, max: 70 }), (list, held, maxEvents) => {
        const batch = selectPushBatch(list, streams(held), { maxEvents, maxBytes: 1_000_000 });
        expect(batch.events.length).toBeLessThanOrEqual(maxEvents);
        const firstOf = new Map<string, number>();
        for (const { streamId, version } of list) if (!firstOf.has(streamId)) firstOf.set(streamId, version);
        const seen = new Map<string, number>();
        for (const sent of batch.events) {
          expect(held).not.toContain(sent.streamId);
          const expected = (seen.get(sent.streamId) ?? (firstOf.get(sent.streamId) as number) - 1) + 1;
          expect(sent.version).toBe(expected);
          seen.set(sent.streamId, sent.version);
        }
        for (const streamId of seen.keys()) expect(batch.basis[streamId]).toBe(published(streamId, (firstOf.get(streamId) as number) - 1));
      }),
    );
  });
});
