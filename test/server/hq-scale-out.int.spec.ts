/**
 * Scale-out: HQ keeps no state of its own, so two HQ processes serve one PostgreSQL. Pushers are
 * spread over both; a reader long-polls only one of them and must see every event exactly once, in
 * gap-free position order, woken by pushes that went to the other process (LISTEN/NOTIFY).
 */
import { v7 } from 'uuid';
import { describe, expect, inject, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema, type PulledEvent } from '../../shared/contract/sync-protocol.js';
import { pull, push } from '../support/hq-client.js';
import { postgresBackend } from '../support/hq-databases.js';
import { addClinic, envelope, newStreamId } from '../support/hq-fixtures.js';
import { startHqProcess, type HqProcess } from '../support/hq-process.js';
import { isMessage } from '../support/log-lines.js';

const PUSHERS = 8;
const BATCHES = 10;
const BATCH_SIZE = 25;
/** Longer than the test may run: a reader not woken across processes fails the test. */
const NEVER_MS = 100_000;

describe('two HQ processes on one PostgreSQL', () => {
  it('deliver pushes made to either to a reader long-polling one of them: exactly once, in order, woken across processes', async () => {
    const db = await postgresBackend(inject('hqPostgresUrl')).create();
    const setup = await db.open();
    const clinic = await addClinic(setup);
    const pushers = await Promise.all(Array.from({ length: PUSHERS }, () => clinic.addDevice()));
    const reader = await clinic.addDevice('reader');
    await setup.close();

    const processes: HqProcess[] = [];
    try {
      processes.push(...(await Promise.all([startHqProcess(db.cli), startHqProcess(db.cli)])));
      const [readerSide, otherSide] = processes as [HqProcess, HqProcess];

      // 1. a pull waiting on one process is woken by a push to the other
      const requestId = `cross-${v7()}`;
      const waiting = pull(readerSide.url, reader.token, { after: 0, waitMs: NEVER_MS }, { headers: { 'x-request-id': requestId } });
      await readerSide.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
      const [first] = pushers as [(typeof pushers)[number]];
      const firstEvent = envelope({ streamId: newStreamId(), version: 1, installationId: first.installationId });
      await push(otherSide.url, first.token, { deviceId: first.installationId, appVersion: '0.1.0', events: [firstEvent] });
      const woken = PullResponseSchema.parse((await waiting).body);
      expect(woken.events.map((event) => [event.eventId, event.serverPosition])).toEqual([[firstEvent.eventId, 1]]);

      // 2. pushers on both processes, the reader long-polling one of them all along
      const total = 1 + PUSHERS * BATCHES * BATCH_SIZE;
      const accepted = new Map<string, number>([[firstEvent.eventId, 1]]);
      const pushAll = Promise.all(
        pushers.map(async (device, index) => {
          const target = index % 2 === 0 ? readerSide : otherSide;
          const streamId = newStreamId();
          let version = 0;
          for (let batch = 0; batch < BATCHES; batch++) {
            const events = Array.from({ length: BATCH_SIZE }, () => envelope({ streamId, version: ++version, installationId: device.installationId }));
            const results = PushResponseSchema.parse((await push(target.url, device.token, { deviceId: device.installationId, appVersion: '0.1.0', events })).body)
              .results;
            for (const result of results) {
              if (result.status !== 'accepted') throw new Error(`push answered ${JSON.stringify(result)}`);
              accepted.set(result.eventId, result.serverPosition);
            }
          }
        }),
      );
      const seen: PulledEvent[] = [...woken.events];
      const readAll = (async () => {
        let after = 1;
        while (seen.length < total) {
          const page = PullResponseSchema.parse((await pull(readerSide.url, reader.token, { after, limit: 40, waitMs: NEVER_MS })).body);
          for (const event of page.events) {
            if (event.serverPosition !== after + 1) throw new Error(`after position ${after} came ${event.serverPosition}`);
            after = event.serverPosition;
            seen.push(event);
          }
        }
      })();
      await Promise.all([pushAll, readAll]);

      expect(seen.map((event) => event.serverPosition)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      expect(new Set(seen.map((event) => event.eventId)).size).toBe(total);
      expect(new Map(seen.map((event) => [event.eventId, event.serverPosition]))).toEqual(accepted);
      for (const process of processes) expect(await process.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await Promise.all(processes.map((process) => process.kill()));
    }
  });
});
