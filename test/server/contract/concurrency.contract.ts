import { describe, expect, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema, type PulledEvent } from '../../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';
import { pull, push } from '../../support/hq-client.js';
import { addClinic, envelope, newStreamId } from '../../support/hq-fixtures.js';
import type { ContractContext } from './context.js';

const PUSHERS = 8;
const BATCHES = 15;
const BATCH_SIZE = 20;
const STREAMS_PER_PUSHER = 3;

export const concurrencyContract = (ctx: ContractContext): void => {
  describe('concurrency', () => {
    it(`${PUSHERS} pushers in parallel and a reader pulling all the time: every event seen once, positions gap-free and in order`, async () => {
      const clinic = await addClinic(ctx.store);
      const pushers = await Promise.all(Array.from({ length: PUSHERS }, () => clinic.addDevice()));
      const reader = await clinic.addDevice('reader');
      const total = PUSHERS * BATCHES * BATCH_SIZE;
      const pushed = new Map<string, { envelope: EventEnvelope; serverPosition: number }>();

      let pushing = true;
      const pushAll = Promise.all(
        pushers.map(async (device) => {
          const streams = Array.from({ length: STREAMS_PER_PUSHER }, () => ({ streamId: newStreamId(), version: 0 }));
          for (let batch = 0; batch < BATCHES; batch++) {
            const events = Array.from({ length: BATCH_SIZE }, (_, index) => {
              const stream = streams[index % STREAMS_PER_PUSHER] as { streamId: string; version: number };
              stream.version += 1;
              return envelope({ streamId: stream.streamId, version: stream.version, installationId: device.installationId });
            });
            const reply = await push(ctx.url, device.token, { deviceId: device.installationId, appVersion: '0.1.0', events });
            const results = PushResponseSchema.parse(reply.body).results;
            events.forEach((event, index) => {
              const result = results[index];
              if (result?.status !== 'accepted') throw new Error(`event ${index} of a batch was ${JSON.stringify(result)}`);
              pushed.set(event.eventId, { envelope: event, serverPosition: result.serverPosition });
            });
          }
        }),
      ).finally(() => {
        pushing = false;
      });

      const seen: PulledEvent[] = [];
      let pagesWhilePushing = 0;
      const readAll = (async () => {
        let after = 0;
        for (;;) {
          const stillPushing = pushing;
          const page = PullResponseSchema.parse((await pull(ctx.url, reader.token, { after, limit: 37, waitMs: stillPushing ? 1_000 : 0 })).body);
          for (const event of page.events) {
            // a reader never sees N+1 before N
            if (event.serverPosition !== after + 1) throw new Error(`after position ${after} came ${event.serverPosition}`);
            after = event.serverPosition;
            seen.push(event);
          }
          if (stillPushing && page.events.length > 0) pagesWhilePushing += 1;
          if (!stillPushing && !page.more && page.events.length === 0) return;
        }
      })();

      await Promise.all([pushAll, readAll]);
      expect(pushed.size).toBe(total);
      expect(seen.map((event) => event.serverPosition)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      expect(new Set(seen.map((event) => event.eventId)).size).toBe(total);
      for (const { serverPosition: _p, receivedAt: _r, tenantId, ...stored } of seen) {
        const original = pushed.get(stored.eventId);
        expect(original && { ...stored, serverPosition: _p }).toEqual({ ...original?.envelope, serverPosition: original?.serverPosition });
        expect(tenantId).toBe(clinic.tenantId);
      }
      console.info(`${ctx.db.kind}: reader got ${pagesWhilePushing} non-empty pages while ${PUSHERS} pushers ran`);
    });
  });
};
