import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import type { CheckedEvent } from './checked-event.js';
import { basisProblem, basisVersionsFor, planPush, type RecordedEvent, type StreamHead } from './push-plan.js';

let sequence = 0;
const id = () => `0190a000-0000-7000-8000-${(++sequence).toString(16).padStart(12, '0')}`;
const INSTALLATION = '0190a000-0000-7000-8000-0000000000ff';

/** An event of a command of its own, unless `commandId` names a command shared with others. */
const event = (streamId: string, version: number, overrides: Partial<EventEnvelope> = {}, commandId = id()): EventEnvelope => ({
  eventId: id(),
  streamType: 'visit',
  streamId,
  version,
  type: 'MemoAdded',
  schemaVersion: 1,
  data: { text: `v${version}`, at: 1 },
  meta: {
    commandId,
    processId: commandId,
    initiator: INSTALLATION,
    predecessorId: commandId,
    deviceId: INSTALLATION,
    raisedAt: '2026-11-25T09:00:00.000Z',
    appVersion: '0.1.0',
  },
  ...overrides,
});

const valid = (envelope: EventEnvelope): CheckedEvent => ({ kind: 'valid', envelope });

const recordedOf = (envelope: EventEnvelope, serverPosition: number): RecordedEvent => ({
  eventId: envelope.eventId,
  streamId: envelope.streamId,
  streamType: envelope.streamType,
  version: envelope.version,
  type: envelope.type,
  schemaVersion: envelope.schemaVersion,
  data: JSON.stringify(envelope.data),
  meta: JSON.stringify(envelope.meta),
  serverPosition,
});

const plan = (
  events: readonly CheckedEvent[],
  given: {
    head?: number;
    recorded?: readonly RecordedEvent[];
    streams?: Record<string, StreamHead>;
    basis?: Record<string, string>;
    heldAtBasis?: Record<string, string>;
  } = {},
) =>
  planPush({
    events,
    head: given.head ?? 0,
    recorded: new Map((given.recorded ?? []).map((row) => [row.eventId, row])),
    streams: new Map(Object.entries(given.streams ?? {})),
    basis: new Map(Object.entries(given.basis ?? {})),
    heldAtBasis: new Map(Object.entries(given.heldAtBasis ?? {})),
  });

describe('planning a push', () => {
  describe('on an empty tenant', () => {
    it('accepts new streams from version 1 and numbers them from head + 1 without gaps', () => {
      const batch = [event('a', 1), event('b', 1), event('a', 2)];
      const result = plan(batch.map(valid), { head: 41 });
      expect(result.results.map((r) => (r.status === 'accepted' ? r.serverPosition : r.status))).toEqual([42, 43, 44]);
      expect(result.inserts.map((insert) => [insert.envelope.eventId, insert.serverPosition])).toEqual(batch.map((e, i) => [e.eventId, 42 + i]));
      expect(result.head).toBe(44);
    });

    it('serializes data and meta once, as they will be stored', () => {
      const only = event('a', 1, { data: { text: '김민수 ✓' } });
      expect(plan([valid(only)]).inserts[0]).toMatchObject({ data: '{"text":"김민수 ✓"}', meta: JSON.stringify(only.meta) });
    });
  });

  describe('when the tenant already holds events', () => {
    const stored = event('a', 1);
    const given = { head: 7, recorded: [recordedOf(stored, 7)], streams: { a: { streamType: 'visit', version: 1 } } };

    it('answers the same event again with duplicate at its position, writing nothing', () => {
      const sameInOtherKeyOrder = { ...stored, data: { at: 1, text: 'v1' } };
      const result = plan([valid(stored), valid(sameInOtherKeyOrder)], given);
      expect(result.results).toEqual([
        { eventId: stored.eventId, status: 'duplicate', serverPosition: 7 },
        { eventId: stored.eventId, status: 'duplicate', serverPosition: 7 },
      ]);
      expect(result.inserts).toEqual([]);
      expect(result.head).toBe(7);
    });

    it.each([
      ['other data', { data: { text: 'edited' } }],
      ['another stream', { streamId: 'b' }],
      ['another version', { version: 2 }],
      ['another type', { type: 'PaymentRecorded' }],
      ['another schema version', { schemaVersion: 2 }],
      ['another raisedAt', { meta: { ...stored.meta, raisedAt: '2026-11-25T09:00:01.000Z' } }],
    ])('rejects the same event id with %s as EVENT_ID_REUSED', (_label, change) => {
      const reused = { ...stored, ...change };
      expect(plan([valid(reused)], given).results).toEqual([
        { eventId: stored.eventId, status: 'rejected', reason: 'EVENT_ID_REUSED', detail: expect.any(String) },
      ]);
    });

    it('answers conflict with the head version for a version already taken', () => {
      const rival = event('a', 1);
      expect(plan([valid(rival)], given).results).toEqual([{ eventId: rival.eventId, status: 'conflict', headVersion: 1 }]);
    });

    it('rejects a version beyond head + 1 as VERSION_GAP', () => {
      const skipping = event('a', 3);
      expect(plan([valid(skipping)], given).results).toEqual([
        { eventId: skipping.eventId, status: 'rejected', reason: 'VERSION_GAP', headVersion: 1, detail: expect.any(String) },
      ]);
    });

    it('rejects a new streamType on an existing stream', () => {
      const retyped = event('a', 2, { streamType: 'patient' });
      expect(plan([valid(retyped)], given).results[0]).toMatchObject({ status: 'rejected', reason: 'STREAM_TYPE_MISMATCH' });
    });
  });

  describe('when an event of a stream fails inside the batch', () => {
    it('blocks the rest of that stream and only that stream', () => {
      const invalid: CheckedEvent = { kind: 'invalid', eventId: id(), streamId: 'a', detail: 'version: too small' };
      const laterA = event('a', 1);
      const b1 = event('b', 1);
      const result = plan([invalid, valid(b1), valid(laterA), valid(event('b', 2))]);
      expect(result.results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'blocked', 'accepted']);
      expect(result.inserts.map((insert) => insert.serverPosition)).toEqual([1, 2]);
    });

    it('blocks nothing for an invalid event that names no stream', () => {
      const invalid: CheckedEvent = { kind: 'invalid', eventId: id(), streamId: undefined, detail: 'streamId: required' };
      expect(plan([invalid, valid(event('a', 1))]).results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    });

    it('treats an event accepted earlier in the batch as recorded', () => {
      const first = event('a', 1);
      const reused = event('b', 1, { eventId: first.eventId });
      expect(plan([valid(first), valid(first), valid(reused)]).results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'rejected']);
    });
  });

  describe('with a basis (the event the first pushed event of each stream was built on)', () => {
    // HQ holds a v1..v3; the pushing desk built its v4 on its own v3
    const held = [event('a', 1), event('a', 2), event('a', 3)];
    const given = {
      head: 3,
      recorded: held.map((envelope, index) => recordedOf(envelope, index + 1)),
      streams: { a: { streamType: 'visit', version: 3 } },
    };
    const heldAtV3 = { heldAtBasis: { a: held[2]?.eventId ?? '' } };

    it('accepts the first event when HQ holds the basis at version - 1', () => {
      const next = event('a', 4);
      const result = plan([valid(next), valid(event('a', 5))], { ...given, ...heldAtV3, basis: { a: held[2]?.eventId ?? '' } });
      expect(result.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(result.head).toBe(5);
    });

    it('answers conflict with the head version when HQ holds another event there, blocks the stream, spares the others', () => {
      const next = event('a', 4);
      const result = plan([valid(next), valid(event('b', 1)), valid(event('a', 5))], { ...given, ...heldAtV3, basis: { a: id() } });
      expect(result.results).toEqual([
        { eventId: next.eventId, status: 'conflict', headVersion: 3 },
        { eventId: expect.any(String), status: 'accepted', serverPosition: 4 },
        { eventId: expect.any(String), status: 'blocked', detail: expect.stringContaining(next.eventId) },
      ]);
      expect(result.inserts.map((insert) => insert.envelope.streamId)).toEqual(['b']);
    });

    it('answers conflict for a version already taken whatever the basis says', () => {
      const taken = event('a', 3);
      expect(plan([valid(taken)], { ...given, heldAtBasis: { a: held[1]?.eventId ?? '' }, basis: { a: held[1]?.eventId ?? '' } }).results).toEqual([
        { eventId: taken.eventId, status: 'conflict', headVersion: 3 },
      ]);
    });

    it('answers VERSION_GAP when HQ does not hold the basis version yet, as without a basis', () => {
      const ahead = event('a', 6);
      expect(plan([valid(ahead)], { ...given, basis: { a: id() } }).results).toEqual([
        { eventId: ahead.eventId, status: 'rejected', reason: 'VERSION_GAP', headVersion: 3, detail: expect.any(String) },
      ]);
    });

    it('answers duplicate for an event HQ already recorded, whatever the basis says', () => {
      const again = held[2] as EventEnvelope;
      expect(plan([valid(again)], { ...given, heldAtBasis: { a: held[1]?.eventId ?? '' }, basis: { a: id() } }).results).toEqual([
        { eventId: again.eventId, status: 'duplicate', serverPosition: 3 },
      ]);
    });

    it('checks only the first event of the stream: later ones stand on the batch itself', () => {
      const [v4, v5] = [event('a', 4), event('a', 5)];
      const result = plan([valid(v4), valid(v5)], { ...given, ...heldAtV3, basis: { a: held[2]?.eventId ?? '' } });
      expect(result.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    });

    it('asks the store for the version before the first valid event of each basis stream', () => {
      const events = [valid(event('b', 1)), valid(event('a', 4)), valid(event('a', 5)), valid(event('c', 9))];
      expect(basisVersionsFor(events, new Map([['a', id()], ['c', id()]]))).toEqual([
        { streamId: 'a', version: 3 },
        { streamId: 'c', version: 8 },
      ]);
      expect(basisVersionsFor(events, new Map())).toEqual([]);
    });

    it('finds a basis entry for a stream not in the batch, or for one whose first event is version 1, misplaced', () => {
      const events = [valid(event('a', 4)), valid(event('b', 1)), valid(event('b', 2))];
      expect(basisProblem(events, new Map([['a', id()]]))).toBeUndefined();
      expect(basisProblem(events, new Map())).toBeUndefined();
      expect(basisProblem(events, new Map([['z', id()]]))).toMatch(/stream z, which has no event in this push/);
      expect(basisProblem(events, new Map([['b', id()]]))).toMatch(/stream b, whose first pushed event is version 1/);
      // an invalid first event still names its stream; it is rejected on its own
      const invalid: CheckedEvent = { kind: 'invalid', eventId: id(), streamId: 'c', detail: 'version: too small' };
      expect(basisProblem([invalid], new Map([['c', id()]]))).toBeUndefined();
    });
  });

  describe('a command of several events', () => {
    it('goes in whole: when one of its events is refused, the ones before it are blocked, not stored', () => {
      const command = id();
      const retried = event('a', 3, {}, command);
      const resolved = event('a', 4, { type: 'not a type name' }, command);
      const other = event('b', 1);
      const result = plan(
        [valid(retried), { kind: 'invalid', eventId: resolved.eventId, streamId: 'a', commandId: command, detail: 'type: a PascalCase type name' }, valid(other)],
        { head: 10, streams: { a: { streamType: 'visit', version: 2 } } },
      );
      expect(result.results).toEqual([
        { eventId: retried.eventId, status: 'blocked', detail: `another event of command ${command} was refused in this batch` },
        { eventId: resolved.eventId, status: 'rejected', reason: 'INVALID_ENVELOPE', detail: 'type: a PascalCase type name' },
        { eventId: other.eventId, status: 'accepted', serverPosition: 11 },
      ]);
      expect(result.inserts.map((insert) => [insert.envelope.eventId, insert.serverPosition])).toEqual([[other.eventId, 11]]);
      expect(result.head).toBe(11);
    });

    it('keeps the refusal`s own reason and leaves the other streams` positions without gaps', () => {
      const command = id();
      const first = event('a', 3, {}, command);
      const second = event('a', 4, {}, command);
      const before = event('c', 1);
      const after = event('c', 2);
      const taken = event('a', 4);
      const result = plan([valid(before), valid(first), valid(second), valid(after)], {
        head: 5,
        streams: { a: { streamType: 'visit', version: 2 } },
        recorded: [recordedOf({ ...taken, eventId: second.eventId, data: { text: 'other content' } }, 3)],
      });
      expect(result.results.map((r) => r.status)).toEqual(['accepted', 'blocked', 'rejected', 'accepted']);
      expect(result.results[2]).toMatchObject({ reason: 'EVENT_ID_REUSED' });
      expect(result.inserts.map((insert) => insert.serverPosition)).toEqual([6, 7]);
    });
  });
});
