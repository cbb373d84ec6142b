/**
 * The push basis (docs/architecture.md, "HQ protocol"): each stream's first pushed event names the event it was built
 * on, and HQ never accepts it on top of another history. The desk of SYNC-SEQUENCES 2: A's v6
 * conflicted (B's v6 went in first), so A's v7, built on A's own v6, must not go in either.
 */
import { describe, expect, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { hqRequest, pull, push } from '../../support/hq-client.js';
import { addClinic, envelope, newStreamId, streamEvents } from '../../support/hq-fixtures.js';
import { expectError, type ContractContext } from './context.js';

export const basisContract = (ctx: ContractContext): void => {
  describe('push basis', () => {
    const twoDesks = async () => {
      const clinic = await addClinic(ctx.store);
      return { a: await clinic.addDevice('desk A'), b: await clinic.addDevice('desk B') };
    };

    it('accepts a stream whose first pushed event names the event HQ holds at the version before it', async () => {
      const { a, b } = await twoDesks();
      const streamId = newStreamId();
      const stored = streamEvents(streamId, a.installationId, 1, 2);
      await push(ctx.url, a.token, { deviceId: a.installationId, appVersion: '0.1.0', events: stored });
      // B pulled v1..v2 and built v3 and v4 on v2
      const next = streamEvents(streamId, b.installationId, 3, 2);
      const reply = await push(ctx.url, b.token, { deviceId: b.installationId, appVersion: '0.1.0', basis: { [streamId]: stored[1]?.eventId ?? '' }, events: next });
      expect(PushResponseSchema.parse(reply.body).results).toEqual([
        { eventId: next[0]?.eventId, status: 'accepted', serverPosition: 3 },
        { eventId: next[1]?.eventId, status: 'accepted', serverPosition: 4 },
      ]);
    });

    it('answers conflict (with the head version) when HQ holds another event at the basis version, blocks the later events of that stream, and lets other streams in', async () => {
      const { a, b } = await twoDesks();
      const streamId = newStreamId();
      const shared = streamEvents(streamId, a.installationId, 1, 5);
      await push(ctx.url, a.token, { deviceId: a.installationId, appVersion: '0.1.0', events: shared });
      // both desks hold v1..v5; B's v6 goes in first, A's v6 (E1) answers conflict
      const fromB = envelope({ streamId, version: 6, installationId: b.installationId });
      await push(ctx.url, b.token, { deviceId: b.installationId, appVersion: '0.1.0', events: [fromB] });
      const e1 = envelope({ streamId, version: 6, installationId: a.installationId });
      const first = PushResponseSchema.parse((await push(ctx.url, a.token, { deviceId: a.installationId, appVersion: '0.1.0', events: [e1] })).body);
      expect(first.results).toEqual([{ eventId: e1.eventId, status: 'conflict', headVersion: 6 }]);

      // A's next batch would start with E2 (v7), built on E1: HQ's v6 is B's, so E2 is a conflict too
      const e2 = envelope({ streamId, version: 7, installationId: a.installationId });
      const e3 = envelope({ streamId, version: 8, installationId: a.installationId });
      const other = envelope({ streamId: newStreamId(), version: 1, installationId: a.installationId });
      const reply = await push(ctx.url, a.token, { deviceId: a.installationId, appVersion: '0.1.0', basis: { [streamId]: e1.eventId }, events: [e2, other, e3] });
      expect(PushResponseSchema.parse(reply.body).results).toEqual([
        { eventId: e2.eventId, status: 'conflict', headVersion: 6 },
        { eventId: other.eventId, status: 'accepted', serverPosition: 7 },
        { eventId: e3.eventId, status: 'blocked', detail: expect.any(String) },
      ]);
      const page = PullResponseSchema.parse((await pull(ctx.url, a.token, { after: 6 })).body);
      expect(page.events.map((event) => event.eventId)).toEqual([other.eventId]);
    });

    it('answers VERSION_GAP, as without a basis, when HQ does not hold the basis version yet', async () => {
      const { a } = await twoDesks();
      const streamId = newStreamId();
      await push(ctx.url, a.token, { deviceId: a.installationId, appVersion: '0.1.0', events: streamEvents(streamId, a.installationId, 1, 1) });
      const ahead = envelope({ streamId, version: 4, installationId: a.installationId });
      const reply = await push(ctx.url, a.token, { deviceId: a.installationId, appVersion: '0.1.0', basis: { [streamId]: newStreamId() }, events: [ahead] });
      expect(PushResponseSchema.parse(reply.body).results).toEqual([
        { eventId: ahead.eventId, status: 'rejected', reason: 'VERSION_GAP', headVersion: 1, detail: expect.any(String) },
      ]);
    });

    it('refuses as MALFORMED, storing nothing, a basis for a stream not in the push, for a version-1 event, or one that is not a map of stream ids to event ids', async () => {
      const { a } = await twoDesks();
      const streamId = newStreamId();
      const v1 = envelope({ streamId, version: 1, installationId: a.installationId });
      const body = { deviceId: a.installationId, appVersion: '0.1.0', events: [v1] };
      for (const basis of [{ [newStreamId()]: newStreamId() }, { [streamId]: newStreamId() }, { [streamId]: 'not-a-uuid' }, { 'not a stream id': newStreamId() }, [newStreamId()], 'basis']) {
        const reply = await ctx.unchanged(() => hqRequest(ctx.url, '/v1/push', { token: a.token, json: { ...body, basis } }));
        expectError(reply, 400, 'MALFORMED');
      }
      const tooMany = Object.fromEntries(Array.from({ length: ctx.hq.settings.limits.maxEventsPerPush + 1 }, () => [newStreamId(), newStreamId()]));
      expectError(await ctx.unchanged(() => hqRequest(ctx.url, '/v1/push', { token: a.token, json: { ...body, basis: tooMany } })), 413, 'TOO_MANY_EVENTS');
      // an empty basis is no basis
      const reply = await hqRequest(ctx.url, '/v1/push', { token: a.token, json: { ...body, basis: {} } });
      expect(PushResponseSchema.parse(reply.body).results.map((result) => result.status)).toEqual(['accepted']);
    });
  });
};
