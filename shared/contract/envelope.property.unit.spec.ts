/**
 * Property: parseEventEnvelope (the schema compiled by z.compile) answers exactly as
 * EventEnvelopeSchema.safeParse does, for envelopes as desks write them and for hostile
 * variations of them: the same success, the same value (key order included, as it is stored),
 * the same issues.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventEnvelopeSchema, parseEventEnvelope } from './envelope.js';

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
/** UUIDs of every version and variant, mostly well-formed. */
const uuid = fc.oneof(
  { weight: 6, arbitrary: fc.uuid({ version: 7 }) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-')) },
  { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
);
const instant = fc.oneof(
  { weight: 6, arbitrary: fc.date({ min: new Date('1999-12-31T00:00:00.000Z'), max: new Date('2100-01-01T23:59:59.999Z'), noInvalidDate: true }).map((date) => date.toISOString()) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1998, max: 2101 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('', '.5', '.12', '.123', '.1234', '.000000'),
        fc.constantFrom('Z', 'z', '+00:00', ''),
      )
      .map(([y, mo, d, h, mi, s, fraction, zone]) => {
        const two = (n: number) => String(n).padStart(2, '0');
        return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${fraction}${zone}`;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2026-02-29T10:00:00.000Z', '2026-11-25T09:30Z', '2026-11-25 09:30:00Z') },
);
const jsonLeaf = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const data = fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), jsonLeaf, { maxKeys: 3 })), { maxKeys: 5 });
const version = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 2000 }) }, { weight: 1, arbitrary: fc.constant(Number.MAX_SAFE_INTEGER) });

const envelope = fc.record(
  {
    eventId: uuid,
    tenantId: uuid,
    streamType: fc.constantFrom('visit', 'patient', 'staff', 'clinic', 'a-b9'),
    streamId: fc.oneof({ weight: 5, arbitrary: uuid }, { weight: 1, arbitrary: fc.constant('clinic') }),
    version,
    type: fc.constantFrom('VisitBooked', 'PaymentTaken', 'A', 'X9y'),
    schemaVersion: fc.integer({ min: 1, max: 1000 }),
    data,
    meta: fc.record({
      commandId: uuid,
      processId: uuid,
      initiator: fc.oneof(uuid, uuid.map((id) => `device:${id}`)),
      predecessorId: uuid,
      deviceId: uuid,
      raisedAt: instant,
      appVersion: fc.constantFrom('0.1.0', '1.2.3-beta.1', '1.2.3+build.5', '1.2', 'v1.2.3'),
    }),
  },
  { requiredKeys: ['eventId', 'streamType', 'streamId', 'version', 'type', 'schemaVersion', 'data', 'meta'] },
);

type Envelope = Record<string, unknown> & { meta: Record<string, unknown> };

/** A hostile or careless change to one field of a valid-looking envelope. */
const mutation: fc.Arbitrary<(value: Envelope) => unknown> = fc.oneof(
  fc.constantFrom('eventId', 'tenantId', 'streamId').map((key) => (value: Envelope) => ({ ...value, [key]: (typeof value[key] === 'string' ? value[key] : 'x').toUpperCase() })),
  fc.constantFrom('commandId', 'processId', 'initiator', 'predecessorId', 'deviceId').map((key) => (value: Envelope) => ({ ...value, meta: { ...value.meta, [key]: String(value.meta[key]).toUpperCase() } })),
  fc.constantFrom(-0, 0, 1.5, -1, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '1', 1001, null).chain((bad) =>
    fc.constantFrom('version', 'schemaVersion').map((key) => (value: Envelope) => ({ ...value, [key]: bad })),
  ),
  fc.constantFrom(-0, Number.NaN, undefined, 1n, new Date(0), [1], 'text', null).map((bad) => (value: Envelope) => ({ ...value, data: { ...(value.data as object), bad } })),
  fc.constantFrom([], null, 'data', Object.create(null) as object, new Map(), [{ a: 1 }]).map((bad) => (value: Envelope) => ({ ...value, data: bad })),
  fc.constant((value: Envelope) => ({ ...value, data: JSON.parse('{"__proto__":{"admin":true},"text":"p"}') as unknown })),
  fc.constant((value: Envelope) => ({ ...value, data: JSON.parse('{"list":[1,{"__proto__":1}]}') as unknown })),
  fc.constant((value: Envelope) => ({ ...value, data: { constructor: { prototype: 1 }, toString: 'x' } })),
  fc.constant((value: Envelope) => ({ ...value, data: { [Symbol('s')]: 1 } })),
  fc.constant((value: Envelope) => JSON.parse(JSON.stringify(value).replace('{', '{"__proto__":{"eventId":"x"},')) as unknown),
  fc.constantFrom('extra', 'serverPosition', 'receivedAt', 'constructor').map((key) => (value: Envelope) => ({ ...value, [key]: 1 })),
  fc.constantFrom('extra', 'tenantId').map((key) => (value: Envelope) => ({ ...value, meta: { ...value.meta, [key]: 'x' } })),
  fc.constantFrom('eventId', 'streamType', 'streamId', 'version', 'type', 'schemaVersion', 'data', 'meta', 'tenantId').map((key) => (value: Envelope) => {
    const copy: Record<string, unknown> = { ...value };
    delete copy[key];
    return copy;
  }),
  fc.constant((value: Envelope) => ({ ...value, tenantId: undefined })),
  fc.constant((value: Envelope) => Object.assign(Object.create({ eventId: value.eventId }) as object, value, { eventId: undefined })),
  fc.constantFrom('', 'Visit', 'a_b', 'x'.repeat(33), 'clinic ', ' visit').map((bad) => (value: Envelope) => ({ ...value, streamType: bad })),
  fc.constantFrom('', 'visitBooked', 'Visit-Booked', 'V'.repeat(65), 'Visit\n').map((bad) => (value: Envelope) => ({ ...value, type: bad })),
  fc.constantFrom('Clinic', 'clinic ', '', 'c'.repeat(65), 7).map((bad) => (value: Envelope) => ({ ...value, streamId: bad })),
  fc.constantFrom('device:', 'Device:0190a000-0000-7000-8000-000000000001', 'device:0190A000-0000-7000-8000-000000000001', 'staff').map((bad) => (value: Envelope) => ({ ...value, meta: { ...value.meta, initiator: bad } })),
  fc.constant((value: Envelope) => [value]),
  fc.constantFrom(null, 'envelope', 7).map((bad) => () => bad),
  fc.constant((value: Envelope) => ({ ...value, meta: [value.meta] })),
);

const same = (raw: unknown): void => {
  const expected = EventEnvelopeSchema.safeParse(raw);
  const actual = parseEventEnvelope(raw);
  expect(actual.success).toBe(expected.success);
  if (expected.success) {
    expect(actual.data).toStrictEqual(expected.data);
    expect(JSON.stringify(actual.data)).toBe(JSON.stringify(expected.data));
    expect(JSON.stringify(actual.data?.meta)).toBe(JSON.stringify(expected.data.meta));
  } else {
    expect(actual.error?.issues).toEqual(expected.error.issues);
  }
};

describe('parseEventEnvelope, the compiled envelope check', () => {
  it('given envelopes as desks write them, or with one field drawn out of range, answers exactly as the schema does', () => {
    fc.assert(fc.property(envelope, (value) => same(value)), { numRuns: 1500 });
  });

  it('given envelopes changed as a hostile or careless desk would, answers exactly as the schema does', () => {
    fc.assert(fc.property(envelope, mutation, (value, change) => same(change(value as Envelope))), { numRuns: 2500 });
  });

  it('given a well-formed envelope, accepts it with its meta in the schema’s key order, as stored', () => {
    const meta = {
      appVersion: '0.1.0',
      raisedAt: '2026-11-25T09:00:00.000Z',
      deviceId: '0190a000-0000-7000-8000-000000000005',
      predecessorId: '0190a000-0000-7000-8000-000000000003',
      initiator: 'device:0190a000-0000-7000-8000-000000000005',
      processId: '0190a000-0000-7000-8000-000000000003',
      commandId: '0190a000-0000-7000-8000-000000000003',
    };
    const parsed = parseEventEnvelope({
      meta,
      data: { text: '메모' },
      schemaVersion: 1,
      type: 'MemoAdded',
      version: 2,
      streamId: 'clinic',
      streamType: 'clinic',
      eventId: '0190a000-0000-7000-8000-000000000001',
    });
    expect(parsed.success).toBe(true);
    expect(Object.keys(parsed.data ?? {})).toEqual(['eventId', 'streamType', 'streamId', 'version', 'type', 'schemaVersion', 'data', 'meta']);
    expect(Object.keys(parsed.data?.meta ?? {})).toEqual(['commandId', 'processId', 'initiator', 'predecessorId', 'deviceId', 'raisedAt', 'appVersion']);
  });
});
