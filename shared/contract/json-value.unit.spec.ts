import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventEnvelopeSchema } from './envelope.js';
import { JsonObject, jsonProblemIn, type JsonProblem } from './json-value.js';

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

/** jsonProblemIn as first written (a path array per node), kept as the oracle for the one that builds a path only for a problem. */
const firstJsonProblemIn = (value: unknown): JsonProblem | undefined => {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value: node, path } = item;
    switch (typeof node) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(node)) return { path, message: `${node} has no JSON form` };
        if (Object.is(node, -0)) return { path, message: '-0 would be stored as 0' };
        continue;
      case 'object': {
        if (node === null) continue;
        if (Array.isArray(node)) {
          node.forEach((child, index) => pending.push({ value: child, path: [...path, index] }));
          continue;
        }
        const prototype: unknown = Object.getPrototypeOf(node);
        if (prototype !== Object.prototype && prototype !== null) return { path, message: 'not a plain JSON object' };
        for (const key of Object.keys(node)) {
          if (key === '__proto__') return { path: [...path, key], message: 'a key named __proto__ is dropped or turned into a prototype by JSON readers' };
          pending.push({ value: (node as Record<string, unknown>)[key], path: [...path, key] });
        }
        continue;
      }
      default:
        return { path, message: `${typeof node} has no JSON form` };
    }
  }
  return undefined;
};

describe('jsonProblemIn, for any value', () => {
  const oddLeaf = fc.constantFrom(-0, Number.NaN, Number.NEGATIVE_INFINITY, undefined, 1n, new Date(0), new Map(), () => 1, Symbol('s'), Object.create(null) as object);
  const leaf = fc.oneof({ weight: 8, arbitrary: fc.jsonValue({ maxDepth: 1 }) }, { weight: 1, arbitrary: oddLeaf });
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { weight: 3, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      // sparse arrays: JSON.stringify writes holes as null
      { weight: 1, arbitrary: fc.sparseArray(tie('value'), { maxLength: 4 }) },
      { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), fc.constant('__proto__')), tie('value'), { maxKeys: 4 }) },
    ),
  }));

  it('given values with none, one or several problems anywhere, names the same first problem as before', () => {
    fc.assert(
      fc.property(value, (candidate) => {
        expect(jsonProblemIn(candidate)).toEqual(firstJsonProblemIn(candidate));
      }),
      { numRuns: 3000 },
    );
  });

  it('given JSON text with __proto__ keys (own keys once parsed), names the same problem as before', () => {
    const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constant('__proto__'));
    const member = fc.tuple(key, fc.jsonValue({ maxDepth: 2 })).map(([name, inner]) => `${JSON.stringify(name)}:${JSON.stringify(inner)}`);
    const object = fc.array(member, { maxLength: 4 }).map((members) => `{${members.join(',')}}`);
    const text = fc.oneof(object, fc.array(object, { maxLength: 3 }).map((items) => `[${items.join(',')}]`), fc.tuple(key, object).map(([name, inner]) => `{${JSON.stringify(name)}:${inner}}`));
    fc.assert(
      fc.property(text, (json) => {
        const parsed: unknown = JSON.parse(json);
        expect(jsonProblemIn(parsed)).toEqual(firstJsonProblemIn(parsed));
      }),
      { numRuns: 1000 },
    );
  });
});
