/**
 * Crash safety of HQ: the server process is killed with SIGKILL while four desks push, over and
 * over, on the same database. After each kill every push HQ answered is stored exactly as
 * answered, every unanswered batch is stored whole or not at all, and positions have no gaps.
 * At the end, replaying every answered push gives only duplicates at the same positions.
 */
import { describe, expect, inject, it } from 'vitest';
import { PushResponseSchema, type PushResult } from '../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import { push } from '../support/hq-client.js';
import { postgresBackend, sqliteBackend, type HqBackend, type HqDatabase } from '../support/hq-databases.js';
import { addClinic, envelope, newStreamId, type TestDevice } from '../support/hq-fixtures.js';
import { startHqProcess } from '../support/hq-process.js';
import { parsePulledEvents } from '../../src-server/log/pulled-event.js';

const ROUNDS = 5;
const PUSHERS = 4;
const BATCH_SIZE = 40;

interface Pusher {
  readonly device: TestDevice;
  readonly streamId: string;
  nextVersion: number;
  /** Sent, not answered: replayed first in the next round. */
  unanswered: EventEnvelope[] | undefined;
}

interface Answered {
  readonly device: TestDevice;
  readonly events: readonly EventEnvelope[];
  readonly results: readonly PushResult[];
}

const send = (url: string, device: TestDevice, events: readonly EventEnvelope[]) =>
  push(url, device.token, { deviceId: device.installationId, appVersion: '0.1.0', events });

/** Pushes batches until the server goes away; returns when this pusher's request fails. */
const pushUntilKilled = async (url: string, pusher: Pusher, answered: Answered[], onAnswer: () => void): Promise<void> => {
  for (;;) {
    let events = pusher.unanswered;
    if (!events) {
      events = Array.from({ length: BATCH_SIZE }, (_, index) =>
        envelope({ streamId: pusher.streamId, version: pusher.nextVersion + index, installationId: pusher.device.installationId }),
      );
      pusher.nextVersion += BATCH_SIZE;
      pusher.unanswered = events;
    }
    let reply;
    try {
      reply = await send(url, pusher.device, events);
    } catch {
      return; // the connection died with the server
    }
    if (reply.status !== 200) throw new Error(`push answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    const results = PushResponseSchema.parse(reply.body).results;
    // a replayed batch may have gone in before the kill (duplicate) or not (accepted); nothing else
    for (const result of results) {
      if (result.status !== 'accepted' && result.status !== 'duplicate') throw new Error(`unexpected ${JSON.stringify(result)}`);
    }
    answered.push({ device: pusher.device, events, results });
    pusher.unanswered = undefined;
    onAnswer();
  }
};

const checkStore = async (db: HqDatabase, tenantId: string, answered: readonly Answered[], unanswered: readonly EventEnvelope[][], round: number) => {
  const store = await db.open();
  try {
    // PostgreSQL may still be committing a push whose COMMIT the killed process had sent: the
    // head (read after the events) may be ahead of them, never behind, and they stay gap-free
    const page = await store.readEvents(tenantId, 0, 1_000_000, Number.MAX_SAFE_INTEGER);
    const { head } = page;
    const events = parsePulledEvents(page.events);
    expect(events.map((event) => event.serverPosition), `round ${round}: positions without gaps`).toEqual(
      Array.from({ length: events.length }, (_, index) => index + 1),
    );
    expect(head).toBeGreaterThanOrEqual(events.length);
    const stored = new Map(events.map((event) => [event.eventId, event]));
    expect(stored.size, `round ${round}: each event once`).toBe(events.length);
    for (const { events: batch, results } of answered) {
      batch.forEach((event, index) => {
        const result = results[index];
        const serverPosition = result?.status === 'accepted' || result?.status === 'duplicate' ? result.serverPosition : undefined;
        const found = stored.get(event.eventId);
        if (!found) throw new Error(`round ${round}: answered event ${event.eventId} is missing`);
        const { receivedAt: _receivedAt, ...asStored } = found;
        expect(asStored).toEqual({ ...event, tenantId, serverPosition });
      });
    }
    let storedUnanswered = 0;
    for (const batch of unanswered) {
      const present = batch.filter((event) => stored.has(event.eventId)).length;
      expect([0, batch.length], `round ${round}: an unanswered batch is stored whole or not at all`).toContain(present);
      if (present > 0) storedUnanswered += 1;
    }
    return storedUnanswered;
  } finally {
    await store.close();
  }
};

const crashScenario = (backend: HqBackend) =>
  it(`${backend.name}: keeps every answered push across ${ROUNDS} SIGKILLs mid-push; a replay gives only duplicates`, async () => {
    const db = await backend.create();
    const setup = await db.open();
    const clinic = await addClinic(setup);
    const pushers: Pusher[] = [];
    for (let index = 0; index < PUSHERS; index++) {
      pushers.push({ device: await clinic.addDevice(), streamId: newStreamId(), nextVersion: 1, unanswered: undefined });
    }
    await setup.close();

    const answered: Answered[] = [];
    let cutMidPush = 0;
    let committedUnanswered = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const hq = await startHqProcess(db.cli, { logLevel: 'warn' });
      try {
        let killing: Promise<unknown> | undefined;
        const answeredBefore = answered.length;
        const onAnswer = () => {
          // let a few pushes through, then kill at a random moment
          if (!killing && answered.length - answeredBefore >= PUSHERS) {
            killing = new Promise((resolve) => setTimeout(resolve, Math.random() * 60)).then(() => hq.kill());
          }
        };
        await Promise.all(pushers.map((pusher) => pushUntilKilled(hq.url, pusher, answered, onAnswer)));
        expect(await hq.exited).toEqual({ code: null, signal: 'SIGKILL' });
      } finally {
        await hq.kill();
      }
      const unanswered = pushers.flatMap((pusher) => (pusher.unanswered ? [pusher.unanswered] : []));
      cutMidPush += unanswered.length;
      committedUnanswered += await checkStore(db, clinic.tenantId, answered, unanswered, round);
    }
    // the kills did land while pushes were in flight
    expect(cutMidPush).toBeGreaterThan(0);

    const hq = await startHqProcess(db.cli, { logLevel: 'warn' });
    try {
      for (const { device, events, results } of answered) {
        const replay = PushResponseSchema.parse((await send(hq.url, device, events)).body).results;
        expect(replay).toEqual(results.map((result) => ({ ...result, status: 'duplicate' })));
      }
      for (const pusher of pushers) {
        if (!pusher.unanswered) continue;
        const replay = PushResponseSchema.parse((await send(hq.url, pusher.device, pusher.unanswered)).body).results;
        for (const result of replay) expect(['accepted', 'duplicate']).toContain(result.status);
      }
      expect(await hq.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await hq.kill();
    }
    console.info(
      `${backend.name} crash test: ${answered.length} answered pushes; ${cutMidPush} cut mid-push over ${ROUNDS} kills, ` +
        `${committedUnanswered} of them committed before the kill and ${cutMidPush - committedUnanswered} not`,
    );
  });

describe('HQ killed with SIGKILL in the middle of pushes', () => {
  crashScenario(sqliteBackend);
  crashScenario(postgresBackend(inject('hqPostgresUrl')));
});
