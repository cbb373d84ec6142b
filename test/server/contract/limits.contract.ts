import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { hqRequest, pull, push, whoami } from '../../support/hq-client.js';
import { envelope, newStreamId, streamEvents } from '../../support/hq-fixtures.js';
import { startHqServer } from '../../support/hq-server.js';
import { isMessage } from '../../support/log-lines.js';
import { expectError, type ContractContext } from './context.js';

const NEVER_MS = 100_000;

export const limitsContract = (ctx: ContractContext): void => {
  describe('client version, rate and availability limits', () => {
    it('answers 426 to an app below the minimum version, except for events already recorded', async () => {
      const { desk } = await ctx.newClinic();
      const recorded = streamEvents(newStreamId(), desk.installationId, 1, 3);
      const accepted = await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.9.0', events: recorded });
      expect(PushResponseSchema.parse(accepted.body).results.map((result) => result.status)).toEqual(['accepted', 'accepted', 'accepted']);

      const strict = await startHqServer(ctx.store, { minClientVersion: '1.0.0' });
      try {
        const fresh = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId });
        const newcomer = await ctx.newClinic();
        await ctx.unchanged(async () => {
          expectError(await push(strict.url, desk.token, { deviceId: desk.installationId, appVersion: '0.9.0', events: [fresh] }), 426, 'CLIENT_TOO_OLD');
          // one new event among recorded ones is enough to refuse the whole push
          expectError(
            await push(strict.url, desk.token, { deviceId: desk.installationId, appVersion: '0.9.5', events: [...recorded, fresh] }),
            426,
            'CLIENT_TOO_OLD',
          );
          // pre-releases sort before their release
          expectError(await push(strict.url, desk.token, { deviceId: desk.installationId, appVersion: '1.0.0-rc.1', events: [fresh] }), 426, 'CLIENT_TOO_OLD');
          // a refused first push binds no installation either
          const first = envelope({ streamId: newStreamId(), version: 1, installationId: newcomer.desk.installationId });
          expectError(
            await push(strict.url, newcomer.desk.token, { deviceId: newcomer.desk.installationId, appVersion: '0.9.0', events: [first] }),
            426,
            'CLIENT_TOO_OLD',
          );
        });
        // re-sending what HQ already holds is always allowed: the old desk can finish its queue
        const replay = await push(strict.url, desk.token, { deviceId: desk.installationId, appVersion: '0.9.0', events: recorded });
        expect(PushResponseSchema.parse(replay.body).results.map((result) => result.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
        const current = await push(strict.url, desk.token, { deviceId: desk.installationId, appVersion: '1.0.0', events: [fresh] });
        expect(PushResponseSchema.parse(current.body).results[0]?.status).toBe('accepted');
      } finally {
        await strict.stop();
      }
    });

    it(
      'answers 429 with Retry-After to a device holding too many waiting pulls',
      async () => {
        const { desk } = await ctx.newClinic();
        const limited = await startHqServer(ctx.store, { limits: { maxWaitingPullsPerDevice: 2 } });
        try {
          const ids = [`slot-a-${v7()}`, `slot-b-${v7()}`];
          const waiting = ids.map((id) => pull(limited.url, desk.token, { waitMs: NEVER_MS }, { headers: { 'x-request-id': id } }));
          for (const id of ids) await limited.logs.waitFor(isMessage('pull waiting', { reqId: id }));

          const refused = await ctx.unchanged(() => pull(limited.url, desk.token, { waitMs: NEVER_MS }));
          expectError(refused, 429, 'RATE_LIMITED');
          expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
          // a pull that does not wait is not limited
          expect((await pull(limited.url, desk.token)).status).toBe(200);

          const event = envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId });
          await push(limited.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [event] });
          for (const reply of await Promise.all(waiting)) {
            expect(PullResponseSchema.parse(reply.body).events.map((pulled) => pulled.eventId)).toEqual([event.eventId]);
          }
        } finally {
          await limited.stop();
        }
      },
      20_000,
    );

    it(
      'answers 503 with Retry-After while the database is unavailable, stores nothing, and recovers',
      async () => {
        const { desk } = await ctx.newClinic();
        const before = await ctx.db.dump();
        const store = await ctx.db.open({ busyTimeoutMs: 100 });
        const server = await startHqServer(store);
        try {
          const restore = await ctx.db.makeUnavailable();
          try {
            const refused = await push(server.url, desk.token, pushBodyOf(desk));
            expectError(refused, 503, 'UNAVAILABLE');
            expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
          } finally {
            await restore();
          }
          expect(await ctx.db.dump()).toBe(before);
          expect((await push(server.url, desk.token, pushBodyOf(desk))).status).toBe(200);
          // wake-ups work again after the outage (PostgreSQL: the LISTEN connection was cut too)
          const requestId = `after-outage-${v7()}`;
          const waiting = pull(server.url, desk.token, { after: 1, waitMs: NEVER_MS }, { headers: { 'x-request-id': requestId } });
          await server.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
          await push(server.url, desk.token, pushBodyOf(desk));
          expect(PullResponseSchema.parse((await waiting).body).events).toHaveLength(1);
          expect((await whoami(server.url, desk.token)).status).toBe(200);
          expect((await hqRequest(server.url, '/v1/health')).status).toBe(200);
        } finally {
          await server.stop();
          await store.close();
        }
      },
      30_000,
    );
  });
};

const pushBodyOf = (device: { installationId: string }) => ({
  deviceId: device.installationId,
  appVersion: '0.1.0',
  events: [envelope({ streamId: newStreamId(), version: 1, installationId: device.installationId })],
});
