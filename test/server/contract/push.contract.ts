import { describe, expect, it } from 'vitest';
import { HqErrorBodySchema, PullResponseSchema, PushResponseSchema } from '../../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';
import { hqRequest, pull, push, type PushBody } from '../../support/hq-client.js';
import { envelope, newStreamId, streamEvents } from '../../support/hq-fixtures.js';
import { expectError, type ContractContext } from './context.js';

const statuses = (body: unknown) => PushResponseSchema.parse(body).results.map((result) => result.status);

export const pushContract = (ctx: ContractContext): void => {
  describe('push', () => {
    it('accepts new events at consecutive positions and serves them back as pushed, with tenantId, serverPosition and receivedAt', async () => {
      const { tenantId, desk } = await ctx.newClinic();
      const visit = newStreamId();
      const patient = newStreamId();
      const events = [
        envelope({ streamId: visit, version: 1, installationId: desk.installationId, data: { text: '김민수 ✓ 🙂 \u0000 "quoted" \\ back', nested: { list: [1, null, 'x'] } } }),
        envelope({ streamId: patient, version: 1, installationId: desk.installationId, streamType: 'patient', type: 'PatientRegistered' }),
        // a type and schemaVersion no build knows yet: stored and served as they are, never upcast
        envelope({ streamId: visit, version: 2, installationId: desk.installationId, type: 'LaserSessionLogged', schemaVersion: 7, data: { joules: 1.5 } }),
      ];
      const before = new Date().toISOString();
      const reply = await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      const after = new Date().toISOString();
      expect(reply.status).toBe(200);
      expect(PushResponseSchema.parse(reply.body).results).toEqual(
        events.map((event, index) => ({ eventId: event.eventId, status: 'accepted', serverPosition: index + 1 })),
      );

      const page = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 0 })).body);
      expect(page.events.map(({ serverPosition: _p, receivedAt: _r, ...stored }) => stored)).toEqual(events.map((event) => ({ ...event, tenantId })));
      expect(page.events.map((event) => event.serverPosition)).toEqual([1, 2, 3]);
      for (const { receivedAt } of page.events) {
        expect(receivedAt >= before && receivedAt <= after, `${receivedAt} within the push`).toBe(true);
      }
      expect({ head: page.head, more: page.more }).toEqual({ head: 3, more: false });
    });

    it('answers an empty push with no results', async () => {
      const { desk } = await ctx.newClinic();
      const reply = await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [] });
      expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: { results: [] } });
    });

    it('answers a repeated push with duplicate at the first positions and stores nothing new', async () => {
      const { desk } = await ctx.newClinic();
      const events = [...streamEvents(newStreamId(), desk.installationId, 1, 3), ...streamEvents(newStreamId(), desk.installationId, 1, 2)];
      const body = { deviceId: desk.installationId, appVersion: '0.1.0', events };
      const first = PushResponseSchema.parse((await push(ctx.url, desk.token, body)).body).results;
      const log = await ctx.logTables();

      // the same events again, once as sent and once with data and meta keys in another order
      const reordered = events.map((event): EventEnvelope => ({
        ...event,
        data: Object.fromEntries(Object.entries(event.data as Record<string, unknown>).reverse()),
        meta: Object.fromEntries(Object.entries(event.meta).reverse()) as unknown as EventEnvelope['meta'],
      }));
      for (const again of [events, reordered]) {
        const reply = await push(ctx.url, desk.token, { ...body, events: again });
        expect(reply.status).toBe(200);
        expect(PushResponseSchema.parse(reply.body).results).toEqual(
          first.map((result) => ({ ...result, status: 'duplicate' })),
        );
      }
      expect(await ctx.logTables()).toEqual(log);
    });

    it('rejects an event id reused with other content (EVENT_ID_REUSED), in its stream, another stream or the same batch', async () => {
      const { desk } = await ctx.newClinic();
      const send = (events: EventEnvelope[]) => push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      const original = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId });
      await send([original]);
      const log = await ctx.logTables();

      const sameStream = { ...original, data: { text: 'changed' } };
      const otherStream = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId, eventId: original.eventId });
      for (const reused of [sameStream, otherStream]) {
        const reply = await send([reused]);
        expect(PushResponseSchema.parse(reply.body).results).toEqual([
          { eventId: original.eventId, status: 'rejected', reason: 'EVENT_ID_REUSED', detail: expect.any(String) },
        ]);
      }
      expect(await ctx.logTables()).toEqual(log);

      // inside one batch: an identical repeat is a duplicate, a different one is a reuse
      const fresh = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId });
      const clash = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId, eventId: fresh.eventId });
      const results = PushResponseSchema.parse((await send([fresh, fresh, clash])).body).results;
      expect(results.map((result) => result.status)).toEqual(['accepted', 'duplicate', 'rejected']);
      expect(results[2]).toMatchObject({ reason: 'EVENT_ID_REUSED' });
    });

    it('refuses ids in another case: an eventId differing only in case is no new event; nothing of it is stored', async () => {
      const { desk } = await ctx.newClinic();
      const send = (body: Partial<PushBody>) => push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [], ...body });
      const streamId = newStreamId();
      const original = envelope({ streamId, version: 1, installationId: desk.installationId });
      expect(statuses((await send({ events: [original] })).body)).toEqual(['accepted']);
      const second = envelope({ streamId, version: 2, installationId: desk.installationId });

      // an id the request level reads (eventId, deviceId, basis): the whole push is malformed
      for (const body of [
        { events: [{ ...original, eventId: original.eventId.toUpperCase() }] },
        { events: [{ ...second, eventId: second.eventId.toUpperCase() }] },
        { deviceId: desk.installationId.toUpperCase(), events: [second] },
        { basis: { [streamId.toUpperCase()]: original.eventId }, events: [second] },
        { basis: { [streamId]: original.eventId.toUpperCase() }, events: [second] },
      ]) {
        const reply = await ctx.unchanged(() => send(body));
        expectError(reply, 400, 'MALFORMED');
        // (zod words a refused record key only as "Invalid key in record", with the key as its path)
        expect(HqErrorBodySchema.parse(reply.body).error.message).toMatch(/lower case|Invalid key in record/);
      }
      // an id inside an envelope: that event is rejected as an invalid envelope, naming the field
      const inside: [string, EventEnvelope][] = [
        ['streamId', { ...second, streamId: streamId.toUpperCase(), version: 1 }],
        ['meta.commandId', { ...second, meta: { ...second.meta, commandId: second.meta.commandId.toUpperCase() } }],
        ['meta.initiator', { ...second, meta: { ...second.meta, initiator: second.meta.initiator.toUpperCase() } }],
      ];
      const log = await ctx.logTables();
      for (const [field, event] of inside) {
        const reply = await send({ events: [event] });
        expect(PushResponseSchema.parse(reply.body).results, field).toEqual([
          { eventId: event.eventId, status: 'rejected', reason: 'INVALID_ENVELOPE', detail: expect.stringContaining(`${field}: `) },
        ]);
      }
      expect(await ctx.logTables()).toEqual(log);
      const page = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 0 })).body);
      expect(page.events.map((event) => event.eventId)).toEqual([original.eventId]);
    });

    it('answers conflict with the head version when another event holds that version', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const send = (events: EventEnvelope[]) => push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      await send(streamEvents(streamId, desk.installationId, 1, 2));
      const log = await ctx.logTables();
      for (const version of [2, 1]) {
        const other = envelope({ streamId, version, installationId: desk.installationId, data: { text: 'another desk wrote first' } });
        expect(PushResponseSchema.parse((await send([other])).body).results).toEqual([{ eventId: other.eventId, status: 'conflict', headVersion: 2 }]);
      }
      expect(await ctx.logTables()).toEqual(log);
    });

    it('settles a mixed batch event by event: a failure blocks the rest of its own stream only', async () => {
      const { desk } = await ctx.newClinic();
      const installationId = desk.installationId;
      const send = (events: readonly (EventEnvelope | Record<string, unknown>)[]) =>
        push(ctx.url, desk.token, { deviceId: installationId, appVersion: '0.1.0', events });
      const [a, b, c, d, e, f, held] = Array.from({ length: 7 }, newStreamId) as [string, string, string, string, string, string, string];
      const heldEvent = envelope({ streamId: held, version: 1, installationId });
      await send([...streamEvents(a, installationId, 1, 2), heldEvent]);

      const batch = [
        envelope({ streamId: a, version: 2, installationId }), // conflict: a is at 2
        envelope({ streamId: b, version: 1, installationId }), // accepted
        envelope({ streamId: a, version: 3, installationId }), // blocked behind the conflict
        { ...envelope({ streamId: c, version: 1, installationId }), schemaVersion: 0 }, // rejected: invalid
        envelope({ streamId: c, version: 1, installationId }), // blocked behind the invalid one
        envelope({ streamId: b, version: 2, installationId }), // accepted
        envelope({ streamId: d, version: 1, installationId, eventId: heldEvent.eventId }), // rejected: id reused
        envelope({ streamId: d, version: 2, installationId }), // blocked
        envelope({ streamId: e, version: 2, installationId }), // rejected: gap, e is at 0
        envelope({ streamId: e, version: 3, installationId }), // blocked
        envelope({ streamId: f, version: 1, installationId }), // accepted
      ];
      const results = PushResponseSchema.parse((await send(batch)).body).results;
      expect(results.map((result) => result.eventId)).toEqual(batch.map((event) => event.eventId));
      expect(results).toEqual([
        { eventId: batch[0]?.eventId, status: 'conflict', headVersion: 2 },
        { eventId: batch[1]?.eventId, status: 'accepted', serverPosition: 4 },
        { eventId: batch[2]?.eventId, status: 'blocked', detail: expect.any(String) },
        { eventId: batch[3]?.eventId, status: 'rejected', reason: 'INVALID_ENVELOPE', detail: expect.stringContaining('schemaVersion') },
        { eventId: batch[4]?.eventId, status: 'blocked', detail: expect.any(String) },
        { eventId: batch[5]?.eventId, status: 'accepted', serverPosition: 5 },
        { eventId: batch[6]?.eventId, status: 'rejected', reason: 'EVENT_ID_REUSED', detail: expect.any(String) },
        { eventId: batch[7]?.eventId, status: 'blocked', detail: expect.any(String) },
        { eventId: batch[8]?.eventId, status: 'rejected', reason: 'VERSION_GAP', headVersion: 0, detail: expect.any(String) },
        { eventId: batch[9]?.eventId, status: 'blocked', detail: expect.any(String) },
        { eventId: batch[10]?.eventId, status: 'accepted', serverPosition: 6 },
      ]);
      const stored = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 3 })).body);
      expect(stored.events.map((event) => [event.streamId, event.version, event.serverPosition])).toEqual([
        [b, 1, 4],
        [b, 2, 5],
        [f, 1, 6],
      ]);
    });

    it('rejects an event whose stream exists with another stream type (STREAM_TYPE_MISMATCH)', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const send = (events: EventEnvelope[]) => push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      await send([envelope({ streamId, version: 1, installationId: desk.installationId, streamType: 'visit' })]);
      const patient = envelope({ streamId, version: 2, installationId: desk.installationId, streamType: 'patient' });
      expect(PushResponseSchema.parse((await send([patient])).body).results).toEqual([
        { eventId: patient.eventId, status: 'rejected', reason: 'STREAM_TYPE_MISMATCH', detail: expect.any(String) },
      ]);
    });

    it('checks each envelope on its own: invalid ones are rejected with the reason, valid ones of other streams go in', async () => {
      const { desk } = await ctx.newClinic();
      const installationId = desk.installationId;
      const valid = (streamId: string) => envelope({ streamId, version: 1, installationId });
      const { meta: _meta, ...withoutMeta } = valid(newStreamId());
      const batch = [
        valid(newStreamId()),
        { ...valid(newStreamId()), schemaVersion: 0 },
        { ...valid(newStreamId()), unexpected: true },
        withoutMeta,
        { ...valid(newStreamId()), streamType: 'Not A Stream Type' },
        valid(newStreamId()),
      ];
      const results = PushResponseSchema.parse((await push(ctx.url, desk.token, { deviceId: installationId, appVersion: '0.1.0', events: batch })).body)
        .results;
      expect(results.map((result) => result.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
      const details = results.slice(1, 5).map((result) => (result.status === 'rejected' ? `${result.reason} ${result.detail ?? ''}` : ''));
      expect(details[0]).toMatch(/^INVALID_ENVELOPE .*schemaVersion/);
      expect(details[1]).toMatch(/^INVALID_ENVELOPE .*unexpected/);
      expect(details[2]).toMatch(/^INVALID_ENVELOPE .*meta/);
      expect(details[3]).toMatch(/^INVALID_ENVELOPE .*streamType/);
    });

    it('stores data exactly as pushed, keys that look like JavaScript internals included, and serves it back the same', async () => {
      const { desk } = await ctx.newClinic();
      const data = {
        constructor: { prototype: { polluted: true } },
        toString: 'not a function',
        hasOwnProperty: null,
        prototype: [],
        __proto: 'almost',
        'a.b': 1,
        '': 'an empty key',
        lone: '\ud800 half a pair',
        numbers: [0.1, 1e21, -1.5, 9007199254740991, 5e-324, 0],
      };
      const event = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId, data });
      const reply = await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [event] });
      expect(statuses(reply.body)).toEqual(['accepted']);
      const [stored] = PullResponseSchema.parse((await pull(ctx.url, desk.token)).body).events;
      expect(stored?.data).toEqual(data);
      expect(JSON.stringify(stored?.data)).toBe(JSON.stringify(data));
    });

    it('rejects an envelope whose data or meta holds a __proto__ key, at any depth, as INVALID_ENVELOPE, storing nothing of it', async () => {
      const { desk } = await ctx.newClinic();
      const installationId = desk.installationId;
      // JSON.parse makes "__proto__" an own key, as HQ's body parser does with the pushed text
      const proto = (text: string) => JSON.parse(text) as Record<string, unknown>;
      const top = envelope({ streamId: newStreamId(), version: 1, installationId, data: proto('{"__proto__":{"admin":true},"text":"p"}') });
      const deep = envelope({ streamId: newStreamId(), version: 1, installationId, data: proto('{"items":[{"__proto__":{"price":0}}],"text":"p"}') });
      const inMeta = envelope({ streamId: newStreamId(), version: 1, installationId });
      const metaWithProto = { ...inMeta, meta: { ...inMeta.meta, ...proto('{"__proto__":{"initiator":"x"}}') } };
      const later = envelope({ streamId: top.streamId, version: 2, installationId });
      const fine = envelope({ streamId: newStreamId(), version: 1, installationId });
      const reply = await push(ctx.url, desk.token, { deviceId: installationId, appVersion: '0.1.0', events: [top, deep, metaWithProto, later, fine] });
      const results = PushResponseSchema.parse(reply.body).results;
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'blocked', 'accepted']);
      for (const result of results.slice(0, 3)) expect(result).toMatchObject({ reason: 'INVALID_ENVELOPE', detail: expect.stringContaining('__proto__') });
      const page = PullResponseSchema.parse((await pull(ctx.url, desk.token)).body);
      expect(page.events.map((event) => event.eventId)).toEqual([fine.eventId]);
    });

    it('refuses as MALFORMED, storing nothing, a body whose JSON text says more than parsing keeps: a repeated key, a number parsing changes', async () => {
      const { desk } = await ctx.newClinic();
      const event = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId, data: { text: 'memo', n: 7 } });
      const text = JSON.stringify({ deviceId: desk.installationId, appVersion: '0.1.0', events: [event] });
      const variants = [
        text.replace('"text":"memo"', '"text":"memo","text":"edited"'),
        text.replace('"text":"memo"', '"text":"memo","text":"memo"'),
        text.replace('"appVersion":"0.1.0"', '"appVersion":"0.1.0","appVersion":"9.9.9"'),
        text.replace('"n":7', '"n":12345678901234567890'),
        text.replace('"n":7', '"n":0.1000000000000000055511151231257827'),
        text.replace('"n":7', '"n":-0'),
        text.replace('"n":7', '"n":1e400'),
      ];
      for (const raw of variants) {
        expect(raw).not.toBe(text);
        const reply = await ctx.unchanged(() => hqRequest(ctx.url, '/v1/push', { raw, token: desk.token }));
        expectError(reply, 400, 'MALFORMED');
      }
      // the same numbers written the way JSON.stringify writes them go in
      const plain = await hqRequest(ctx.url, '/v1/push', { raw: text.replace('"n":7', '"n":1.0e1'), token: desk.token });
      expect(statuses(plain.body)).toEqual(['accepted']);
    });

    it('stores an envelope that names its own tenant, and sets the tenant on those that name none', async () => {
      const { tenantId, desk } = await ctx.newClinic();
      const named = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId, tenantId });
      const unnamed = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId });
      expect(statuses((await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [named, unnamed] })).body)).toEqual([
        'accepted',
        'accepted',
      ]);
      const page = PullResponseSchema.parse((await pull(ctx.url, desk.token)).body);
      expect(page.events.map((event) => event.tenantId)).toEqual([tenantId, tenantId]);
    });
  });
};
