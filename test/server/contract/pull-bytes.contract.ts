import { describe, expect, it } from 'vitest';
import { PullResponseSchema, type PulledEvent } from '../../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';
import { LARGE_EVENT_BYTES } from '../../../src-server/log/large-event.js';
import { pull, push } from '../../support/hq-client.js';
import { envelope, newStreamId } from '../../support/hq-fixtures.js';
import { startHqServer, type RunningHq } from '../../support/hq-server.js';
import type { ContractContext } from './context.js';

/** A memo of about `bytes` bytes of UTF-8, in three-byte characters: a page counts bytes, not characters. */
const memoOf = (streamId: string, installationId: string, version: number, bytes: number): EventEnvelope =>
  envelope({ streamId, installationId, version, data: { text: `${version}:${'진'.repeat(Math.ceil(bytes / 3))}` } });

/** An event's data and meta as HQ stores them (push-plan.ts): what a page's byte limit counts. */
const storedBytes = (event: PulledEvent): number => Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.meta));

/** Pulls from `after` to the head with `limit`, page by page; each page's events and `more`. */
const pullAll = async (hq: RunningHq, token: string, limit: number) => {
  const pages: { readonly events: PulledEvent[]; readonly more: boolean }[] = [];
  for (let after = 0; ; ) {
    const page = PullResponseSchema.parse((await pull(hq.url, token, { after, limit })).body);
    pages.push({ events: page.events, more: page.more });
    expect(page.events.length, 'a page never comes back empty while events remain').toBeGreaterThan(0);
    after = page.events.at(-1)?.serverPosition ?? after;
    if (!page.more) return pages;
  }
};

export const pullBytesContract = (ctx: ContractContext): void => {
  describe('pull pages limited by bytes', () => {
    const withHq = async (maxPullBytes: number, test: (hq: RunningHq) => Promise<void>) => {
      const hq = await startHqServer(ctx.store, { limits: { maxPullBytes } });
      try {
        await test(hq);
      } finally {
        await hq.stop();
      }
    };

    it('stops a page before the event that would take it over maxPullBytes; pulling on brings every event once, in order', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const events = Array.from({ length: 12 }, (_, index) => memoOf(streamId, desk.installationId, index + 1, 3_000));
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      const maxPullBytes = 10_000;
      await withHq(maxPullBytes, async (hq) => {
        const pages = await pullAll(hq, desk.token, 1_000);
        const pulled = pages.flatMap((page) => page.events);
        expect(pulled.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
        expect(pulled.map((event) => event.serverPosition)).toEqual(events.map((_, index) => index + 1));
        expect(pages.map((page) => page.more)).toEqual([...pages.slice(1).map(() => true), false]);
        pages.forEach((page, index) => {
          const bytes = page.events.reduce((sum, event) => sum + storedBytes(event), 0);
          expect(bytes, `page ${index} within the limit`).toBeLessThanOrEqual(maxPullBytes);
          const next = pages[index + 1]?.events[0];
          if (next) expect(bytes + storedBytes(next), `page ${index} holds all that fits`).toBeGreaterThan(maxPullBytes);
        });
        // ~3 KB of three-byte characters each (~1,000 characters): three a page, counted in bytes
        expect(pages.map((page) => page.events.length)).toEqual([3, 3, 3, 3]);
      });
    });

    it('answers an event larger than maxPullBytes alone, and the pull moves past it', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const events = [
        memoOf(streamId, desk.installationId, 1, 100),
        memoOf(streamId, desk.installationId, 2, 30_000),
        memoOf(streamId, desk.installationId, 3, 100),
        memoOf(streamId, desk.installationId, 4, 100),
      ];
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      await withHq(10_000, async (hq) => {
        const pages = await pullAll(hq, desk.token, 1_000);
        expect(pages.map((page) => page.events.map((event) => event.serverPosition))).toEqual([[1], [2], [3, 4]]);
        expect(pages.map((page) => page.more)).toEqual([true, true, false]);
        // from right before it, too: the page holds it and says more
        const alone = PullResponseSchema.parse((await pull(hq.url, desk.token, { after: 1, limit: 1_000 })).body);
        expect({ positions: alone.events.map((event) => event.serverPosition), head: alone.head, more: alone.more }).toEqual({ positions: [2], head: 4, more: true });
      });
    });

    it('finds large events in a page whose limit of small events alone would fit in maxPullBytes', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const events = [
        memoOf(streamId, desk.installationId, 1, 500),
        memoOf(streamId, desk.installationId, 2, 2 * LARGE_EVENT_BYTES),
        memoOf(streamId, desk.installationId, 3, 2 * LARGE_EVENT_BYTES),
        memoOf(streamId, desk.installationId, 4, 500),
      ];
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      // 4 events under the large size fit in 4 × LARGE_EVENT_BYTES: only the large ones can take a page of 4 over it
      await withHq(4 * LARGE_EVENT_BYTES, async (hq) => {
        const pages = await pullAll(hq, desk.token, 4);
        expect(pages.map((page) => page.events.map((event) => event.serverPosition))).toEqual([[1, 2], [3, 4]]);
      });
    });

    it('finds a large event at the last position a page of `limit` could hold', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const events = [1, 2, 3].map((version) => memoOf(streamId, desk.installationId, version, 500));
      events.push(memoOf(streamId, desk.installationId, 4, 5 * LARGE_EVENT_BYTES));
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      await withHq(4 * LARGE_EVENT_BYTES, async (hq) => {
        const pages = await pullAll(hq, desk.token, 4);
        expect(pages.map((page) => page.events.map((event) => event.serverPosition))).toEqual([[1, 2, 3], [4]]);
      });
    });

    it('holds an event that takes the page exactly to maxPullBytes, and not one byte more', async () => {
      const { desk } = await ctx.newClinic();
      const streamId = newStreamId();
      const events = [1, 2, 3].map((version) => memoOf(streamId, desk.installationId, version, 3_000));
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      const stored = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 0, limit: 1_000 })).body).events.map(storedBytes);
      const firstTwo = (stored[0] ?? 0) + (stored[1] ?? 0);
      const firstPage = async (maxPullBytes: number) =>
        withHq(maxPullBytes, async (hq) => {
          const page = PullResponseSchema.parse((await pull(hq.url, desk.token, { after: 0, limit: 1_000 })).body);
          expect(page.events.map((event) => event.serverPosition), `a page of ${maxPullBytes} bytes`).toEqual(maxPullBytes === firstTwo ? [1, 2] : [1]);
        });
      await firstPage(firstTwo);
      await firstPage(firstTwo - 1);
    });
  });
};
