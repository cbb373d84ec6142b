/**
 * Graceful shutdown (SIGTERM): requests in flight finish and are stored, waiting long-polls answer
 * at once, a request arriving meanwhile gets 503 with Retry-After, and the process exits 0.
 */
import Fastify from 'fastify';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { HqErrorBodySchema, PullResponseSchema, PushResponseSchema } from '../../shared/contract/sync-protocol.js';
import { drainConnectionsOnClose } from '../../src-server/http/drain-connections.js';
import { createHqApp, listenHq } from '../../src-server/http/hq-app.js';
import { parsePulledEvents } from '../../src-server/log/pulled-event.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { pull, push } from '../support/hq-client.js';
import { sqliteBackend } from '../support/hq-databases.js';
import { addClinic, streamEvents, newStreamId } from '../support/hq-fixtures.js';
import { startHqProcess } from '../support/hq-process.js';
import { TEST_LIMITS } from '../support/hq-server.js';
import { isMessage, LogLines } from '../support/log-lines.js';
import { openRawConnection } from '../support/pipelined-http.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';

/** A bare Fastify app with HQ's shutdown drain (deadline `deadlineMs`), its warnings collected; routes are added by the test, then `url()` listens. */
const drainingApp = (deadlineMs: number) => {
  const logs = new LogLines();
  const app = Fastify({ logger: { level: 'warn', stream: logs.destination } });
  drainConnectionsOnClose(app, { deadlineMs, pollMs: 10 });
  let reached!: () => void;
  const promise = new Promise<void>((resolve) => (reached = resolve));
  const url = async (): Promise<string> => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  };
  return { app, logs, url, atRoute: { promise, reached: () => reached() } };
};

describe('graceful shutdown', () => {
  it('finishes the push in flight, answers a request arriving meanwhile with 503 and Retry-After, then closes the store', async () => {
    const db = await sqliteBackend.create();
    const store = await db.open();
    const clinic = await addClinic(store);
    const desk = await clinic.addDevice();

    // a store whose pushes wait at a gate, so one is surely in flight when the server closes
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    let storeClosed = false;
    const gated: HqStore = {
      ...store,
      push: async (batch) => {
        reachedGate();
        await gate;
        return store.push(batch);
      },
      close: async () => {
        storeClosed = true;
        await store.close();
      },
    };
    const logs = new LogLines();
    const app = createHqApp({
      store: gated,
      settings: { version: '0.1.0', minClientVersion: '0.0.0', limits: TEST_LIMITS },
      log: { level: 'info', destination: logs.destination },
    });
    const url = await listenHq(app, '127.0.0.1', 0);
    const connection = await openRawConnection(url);
    try {
      const events = streamEvents(newStreamId(), desk.installationId, 1, 3);
      connection.send('POST', '/v1/push', {
        headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: desk.installationId, appVersion: '0.1.0', events }),
      });
      await atGate;
      const closed = app.close();
      await logs.waitFor((line) => typeof line.msg === 'string' && line.msg.startsWith('closing:'));
      // pipelined on the same connection: it reaches HQ while the push is still in flight
      const lateId = `late-${v7()}`;
      connection.send('GET', '/v1/health', { headers: { 'x-request-id': lateId } });
      await logs.waitFor(isMessage('request refused', { reqId: lateId }));
      expect(storeClosed).toBe(false);
      openGate();
      await closed;
      expect(storeClosed).toBe(true);

      const [pushed, late] = await connection.responses(2);
      expect(pushed?.status).toBe(200);
      expect(PushResponseSchema.parse(JSON.parse(pushed?.body ?? '')).results.map((result) => result.status)).toEqual([
        'accepted',
        'accepted',
        'accepted',
      ]);
      expect(late?.status).toBe(503);
      expect(Number(late?.headers['retry-after'])).toBeGreaterThan(0);
      expect(HqErrorBodySchema.parse(JSON.parse(late?.body ?? '')).error.code).toBe('UNAVAILABLE');

      const reopened = await db.open();
      try {
        expect(parsePulledEvents((await reopened.readEvents(clinic.tenantId, 0, 10, DEFAULT_LIMITS.maxPullBytes)).events).map((event) => event.eventId)).toEqual(events.map((e) => e.eventId));
      } finally {
        await reopened.close();
      }
    } finally {
      connection.close();
    }
  });

  it('on SIGTERM answers pushes in flight and waiting pulls, exits 0, and keeps every accepted event', async () => {
    const db = await sqliteBackend.create();
    const setup = await db.open();
    const clinic = await addClinic(setup);
    const desks = await Promise.all([1, 2, 3, 4].map(() => clinic.addDevice()));
    const reader = await clinic.addDevice('reader');
    await setup.close();

    const hq = await startHqProcess(db.cli);
    try {
      const waitingId = `waiting-${v7()}`;
      const waiting = pull(hq.url, reader.token, { after: 1_000_000, waitMs: 100_000 }, { headers: { 'x-request-id': waitingId } });
      await hq.logs.waitFor(isMessage('pull waiting', { reqId: waitingId }));

      const batches = desks.map((desk) => ({ desk, requestId: `push-${v7()}`, events: streamEvents(newStreamId(), desk.installationId, 1, 500) }));
      const pushes = batches.map(({ desk, requestId, events }) =>
        push(hq.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events }, { 'x-request-id': requestId }),
      );
      for (const { requestId } of batches) await hq.logs.waitFor(isMessage('incoming request', { reqId: requestId }));
      const exited = hq.stop();

      for (const reply of await Promise.all(pushes)) {
        expect(reply.status).toBe(200);
        expect(new Set(PushResponseSchema.parse(reply.body).results.map((result) => result.status))).toEqual(new Set(['accepted']));
      }
      const woken = await waiting;
      expect(woken.status).toBe(200);
      expect(PullResponseSchema.parse(woken.body).events).toEqual([]);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(hq.logs.count(isMessage('stopped'))).toBe(1);
    } finally {
      await hq.kill();
    }

    const reopened = await db.open();
    try {
      const stored = await reopened.readEvents(clinic.tenantId, 0, 10_000, Number.MAX_SAFE_INTEGER);
      expect(parsePulledEvents(stored.events).map((event) => event.serverPosition)).toEqual(Array.from({ length: 2_000 }, (_, index) => index + 1));
      expect(stored.head).toBe(2_000);
    } finally {
      await reopened.close();
    }
  });

  it('is not held up by a client that abandoned its long-poll and keeps the socket open', async () => {
    const db = await sqliteBackend.create();
    const store = await db.open();
    const clinic = await addClinic(store);
    const desk = await clinic.addDevice();
    await store.close();
    const hq = await startHqProcess(db.cli, { logLevel: 'debug' });
    try {
      // fetch keeps the connection of an aborted request in its pool: the socket stays open
      const abandon = new AbortController();
      const requestId = `abandoned-${v7()}`;
      const abandoned = fetch(`${hq.url}/v1/events?after=0&waitMs=100000`, {
        headers: { authorization: `Bearer ${desk.token}`, 'x-request-id': requestId },
        signal: abandon.signal,
      }).catch(() => 'aborted');
      await hq.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
      abandon.abort();
      expect(await abandoned).toBe('aborted');
      await hq.logs.waitFor(isMessage('pull abandoned by its client', { reqId: requestId }));
      const started = Date.now();
      expect(await hq.stop()).toEqual({ code: 0, signal: null });
      // without closing the emptied connection, shutdown waited for the client's keep-alive (seconds)
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await hq.kill();
    }
  });

  it('waits for a push whose body has been read but whose answer is still being written', async () => {
    const { app, logs, url, atRoute } = drainingApp(5_000);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // the body is read before the handler runs; the answer comes only when the test says so
    app.post('/slow', async () => {
      atRoute.reached();
      await finished;
      return { stored: true };
    });
    const answer = fetch(`${await url()}/slow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [1, 2, 3] }) }).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    await atRoute.promise;
    const closed = app.close();
    // well past the moment the request's body was read: the connection must still be open
    await new Promise((resolve) => setTimeout(resolve, 300));
    finish();
    await closed;
    expect(await answer).toEqual({ status: 200, body: { stored: true } });
    expect(logs.lines.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('closing:'))).toEqual([]);
  });

  it('closes a connection whose request is still in flight at the deadline, and says which request held it', async () => {
    const { app, logs, url, atRoute } = drainingApp(200);
    // a handler that never answers: only the deadline ends shutdown
    app.get('/stuck', () => {
      atRoute.reached();
      return new Promise(() => undefined);
    });
    const answer = fetch(`${await url()}/stuck?after=1`).then(
      () => 'answered',
      () => 'connection closed',
    );
    await atRoute.promise;
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await answer).toBe('connection closed');
    const warning = logs.lines.find((line) => typeof line.msg === 'string' && line.msg.startsWith('closing: 1 request(s) still in flight'));
    expect(warning?.requests).toEqual([expect.objectContaining({ method: 'GET', url: '/stuck' })]);
  });
});
