import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { PullResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { hqRequest, pull, push } from '../../support/hq-client.js';
import { envelope, newStreamId, streamEvents } from '../../support/hq-fixtures.js';
import { startHqServer } from '../../support/hq-server.js';
import { isMessage } from '../../support/log-lines.js';
import { expectError, type ContractContext } from './context.js';

/** Long-polls in these tests wait longer than the test may run: a missed wake-up fails the test. */
const NEVER_MS = 100_000;
const WAKE_TEST_TIMEOUT_MS = 20_000;

export const pullContract = (ctx: ContractContext): void => {
  describe('pull', () => {
    it('pages through the log by position with limit, head and more', async () => {
      const { desk } = await ctx.newClinic();
      const events = [...streamEvents(newStreamId(), desk.installationId, 1, 13), ...streamEvents(newStreamId(), desk.installationId, 1, 12)];
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });

      const pages = [];
      let after = 0;
      for (;;) {
        const page = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after, limit: 10 })).body);
        pages.push({ count: page.events.length, head: page.head, more: page.more });
        expect(page.events.map((event) => event.serverPosition)).toEqual(page.events.map((_, index) => after + index + 1));
        after = page.events.at(-1)?.serverPosition ?? after;
        if (!page.more) break;
      }
      expect(pages).toEqual([
        { count: 10, head: 25, more: true },
        { count: 10, head: 25, more: true },
        { count: 5, head: 25, more: false },
      ]);
      expect(PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 25 })).body)).toEqual({ logId: ctx.store.logId, events: [], head: 25, more: false });
    });

    it('lowers a limit above the published maximum to it', async () => {
      const { desk } = await ctx.newClinic();
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: streamEvents(newStreamId(), desk.installationId, 1, 8) });
      const small = await startHqServer(ctx.store, { limits: { maxPullLimit: 5 } });
      try {
        const page = PullResponseSchema.parse((await pull(small.url, desk.token, { after: 0, limit: 500 })).body);
        expect({ count: page.events.length, more: page.more }).toEqual({ count: 5, more: true });
      } finally {
        await small.stop();
      }
    });

    it('shows a clinic only its own events', async () => {
      const first = await ctx.newClinic();
      const second = await ctx.newClinic();
      await push(ctx.url, first.desk.token, {
        deviceId: first.desk.installationId,
        appVersion: '0.1.0',
        events: streamEvents(newStreamId(), first.desk.installationId, 1, 3),
      });
      expect(PullResponseSchema.parse((await pull(ctx.url, second.desk.token, { after: 0 })).body)).toEqual({ logId: ctx.store.logId, events: [], head: 0, more: false });
    });

    it('refuses malformed queries with 400 and changes nothing', async () => {
      const { desk } = await ctx.newClinic();
      for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=1.5', 'waitMs=1e3', 'after=', 'unknown=1', 'after=1&after=2']) {
        const reply = await ctx.unchanged(() => hqRequest(ctx.url, `/v1/events?${query}`, { token: desk.token }));
        expectError(reply, 400, 'MALFORMED');
      }
    });

    it(
      'wakes a waiting long-poll as soon as events arrive',
      async () => {
        const { desk } = await ctx.newClinic();
        const requestId = `wake-${v7()}`;
        const waiting = pull(ctx.url, desk.token, { after: 0, waitMs: NEVER_MS }, { headers: { 'x-request-id': requestId } });
        await ctx.hq.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
        const event = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId });
        await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [event] });
        const page = PullResponseSchema.parse((await waiting).body);
        expect(page.events.map((pulled) => pulled.eventId)).toEqual([event.eventId]);
      },
      WAKE_TEST_TIMEOUT_MS,
    );

    it('answers a long-poll at once, without waiting, when events are there already', async () => {
      const { desk } = await ctx.newClinic();
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: streamEvents(newStreamId(), desk.installationId, 1, 2) });
      const requestId = `ready-${v7()}`;
      const page = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 1, waitMs: NEVER_MS }, { headers: { 'x-request-id': requestId } })).body);
      expect(page.events.map((event) => event.serverPosition)).toEqual([2]);
      expect(ctx.hq.logs.count(isMessage('pull waiting', { reqId: requestId }))).toBe(0);
    });

    it('answers an idle long-poll with no events when its wait is over', async () => {
      const { desk } = await ctx.newClinic();
      const page = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 0, waitMs: 50 })).body);
      expect(page).toEqual({ logId: ctx.store.logId, events: [], head: 0, more: false });
    });

    it('frees a long-poll slot when its client goes away', async () => {
      const { desk } = await ctx.newClinic();
      const single = await startHqServer(ctx.store, { limits: { maxWaitingPullsPerDevice: 1 } });
      try {
        const abandoned = new AbortController();
        const requestId = `gone-${v7()}`;
        const first = pull(single.url, desk.token, { waitMs: NEVER_MS }, { signal: abandoned.signal, headers: { 'x-request-id': requestId } });
        await single.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
        abandoned.abort();
        await expect(first).rejects.toThrow();
        await single.logs.waitFor(isMessage('pull abandoned by its client', { reqId: requestId }));
        const next = await pull(single.url, desk.token, { waitMs: 10 });
        expect(next.status).toBe(200);
      } finally {
        await single.stop();
      }
    });
  });
};
