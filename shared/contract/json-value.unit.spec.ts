import { describe, expect, it } from 'vitest';
import { EventEnvelopeSchema } from './envelope.js';
import { JsonObject, jsonProblemIn } from './json-value.js';

describe('JSON values that survive storage and sync', () => {
  it.each([
    ['a __proto__ key at the top', JSON.parse('{"__proto__":{"admin":true},"text":"p"}'), ['__proto__']],
    ['a __proto__ key deep in an array', JSON.parse('{"items":[1,{"__proto__":{}}]}'), ['items', 1, '__proto__']],
    ['-0', { amount: -0 }, ['amount']],
    ['NaN', { amount: Number.NaN }, ['amount']],
    ['Infinity', { list: [Number.POSITIVE_INFINITY] }, ['list', 0]],
    ['undefined', { note: undefined }, ['note']],
    ['a Date', { at: new Date(0) }, ['at']],
    ['a class instance', { hours: new Map() }, ['hours']],
    ['a bigint', { big: 1n }, ['big']],
    ['a function', { call: () => 1 }, ['call']],
  ])('given %s, finds where it is', (_label, value, path) => {
    expect(jsonProblemIn(value)?.path).toEqual(path);
  });

  it('keeps keys that only look like JavaScript internals, null-prototype objects and every JSON scalar', () => {
    const value = { constructor: { prototype: 1 }, toString: 'x', hasOwnProperty: null, list: [0, -1.5, 'a', true, null], bare: Object.create(null) as object };
    expect(jsonProblemIn(value)).toBeUndefined();
    expect(JsonObject.parse(value)).toEqual(value);
  });

  it('makes an envelope with such data invalid, naming the path inside data', () => {
    const envelope = {
      eventId: '0190a000-0000-7000-8000-000000000001',
      streamType: 'visit',
      streamId: '0190a000-0000-7000-8000-000000000002',
      version: 1,
      type: 'MemoAdded',
      schemaVersion: 1,
      data: JSON.parse('{"__proto__":{"admin":true},"text":"p"}') as unknown,
      meta: {
        commandId: '0190a000-0000-7000-8000-000000000003',
        processId: '0190a000-0000-7000-8000-000000000003',
        initiator: '0190a000-0000-7000-8000-000000000004',
        predecessorId: '0190a000-0000-7000-8000-000000000003',
        deviceId: '0190a000-0000-7000-8000-000000000005',
        raisedAt: '2026-11-25T09:00:00.000Z',
        appVersion: '0.1.0',
      },
    };
    const parsed = EventEnvelopeSchema.safeParse(envelope);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['data', '__proto__']]);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, data: { text: 'p' } }).success).toBe(true);
  });
});
