/**
 * The HQ HTTP server (docs/architecture.md, "HQ protocol") on Fastify: JSON bodies parsed with a depth limit, every request
 * authenticated by its route's endpoint and validated with the contract's zod schemas, every
 * refusal mapped through one status table, structured logs with a request id per request.
 *
 * Shutdown (app.close()): new requests get 503 with Retry-After, waiting long-polls answer at
 * once, in-flight requests finish (a push transaction is never cut), then the store closes.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HqSettings } from '../settings.js';
import type { HqStore } from '../store/hq-store.js';
import { drainConnectionsOnClose } from './drain-connections.js';
import { authenticate, requireScope } from './access.js';
import { HqError } from './errors.js';
import { parseJsonBodyBytes } from './json-body.js';
import { createLongPolls } from './long-poll.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { registerEventsRoute } from './routes/events.js';
import { registerHealthRoute } from './routes/health.js';
import { registerPushRoute } from './routes/push.js';
import { registerWhoamiRoute } from './routes/whoami.js';

/** A pino destination: anything with write(line). */
export interface LogDestination {
  write(line: string): void;
}

export interface HqAppOptions {
  readonly store: HqStore;
  readonly settings: HqSettings;
  readonly now?: () => Date;
  readonly log?: { readonly level: string; readonly destination: LogDestination };
  /** Whether app.close() also closes the store (the CLI: yes; a test that reopens it: no). */
  readonly closeStore?: boolean;
}

/** Seconds a client should wait before retrying when HQ or its database is unavailable. */
const UNAVAILABLE_RETRY_SECONDS = 2;

const fastifyErrorCode = (error: unknown): { code?: string; statusCode?: number } =>
  typeof error === 'object' && error !== null
    ? {
        ...('code' in error && typeof error.code === 'string' ? { code: error.code } : {}),
        ...('statusCode' in error && typeof error.statusCode === 'number' ? { statusCode: error.statusCode } : {}),
      }
    : {};

/** Every failure as one of the contract's codes; details of unexpected ones stay in the log. */
const asHqError = (error: unknown, store: HqStore, requestId: string): HqError => {
  if (error instanceof HqError) return error;
  if (store.isUnavailable(error)) return new HqError('UNAVAILABLE', 'The database is not answering; try again', UNAVAILABLE_RETRY_SECONDS);
  const { code, statusCode } = fastifyErrorCode(error);
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) return new HqError('BODY_TOO_LARGE', 'The body is larger than limits.maxBodyBytes');
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new HqError('MALFORMED', error instanceof Error ? error.message : 'Malformed request');
  }
  return new HqError('INTERNAL', `Internal error (request ${requestId})`);
};

/** How long shutdown lets requests in flight finish before it closes their connections anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

export const createHqApp = (options: HqAppOptions): FastifyInstance => {
  const { store, settings } = options;
  const now = options.now ?? (() => new Date());
  const longPolls = createLongPolls({ watchHead: store.watchHead, maxPerDevice: settings.limits.maxWaitingPullsPerDevice });
  let closing = false;

  const app = Fastify({
    logger: options.log ? { level: options.log.level, stream: options.log.destination } : false,
    bodyLimit: settings.limits.maxBodyBytes,
    genReqId: requestIdOf,
    // our onRequest hook answers during shutdown, with the contract's body and Retry-After
    return503OnClosing: false,
  });
  app.decorateRequest('credential', null);

  app.removeAllContentTypeParsers();
  // as bytes: a large push is decoded and parsed in pieces (json-body.ts)
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBodyBytes(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), settings.limits.maxJsonDepth));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (closing) throw new HqError('UNAVAILABLE', 'HQ is shutting down; try again', UNAVAILABLE_RETRY_SECONDS);
    const endpoint = request.routeOptions.config.endpoint;
    if (endpoint === undefined) return;
    const credential = await authenticate(request.headers.authorization, store);
    requireScope(credential, endpoint);
    request.credential = credential;
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    // a keep-alive connection whose last request just finished would otherwise hold shutdown up
    // for the keep-alive timeout; one with a pipelined request waiting is left to answer it
    if (closing) app.server.closeIdleConnections();
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const refusal = asHqError(error, store, request.id);
    if (refusal.code === 'INTERNAL') request.log.error({ err: error, code: refusal.code }, 'request failed');
    else if (refusal.code === 'UNAVAILABLE') request.log.warn({ code: refusal.code, reason: refusal.message, err: error }, 'request refused');
    else request.log.info({ code: refusal.code, reason: refusal.message }, 'request refused');
    if (refusal.retryAfterSeconds !== undefined) void reply.header('retry-after', String(refusal.retryAfterSeconds));
    void reply.code(refusal.status).send(refusal.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const refusal = new HqError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`);
    void reply.code(refusal.status).send(refusal.body());
  });

  const deps = { store, settings, now, longPolls };
  registerHealthRoute(app, deps);
  registerWhoamiRoute(app, deps);
  registerPushRoute(app, deps);
  registerEventsRoute(app, deps);

  // Requests in flight finish; connections left with none are closed (a client may keep one open).
  drainConnectionsOnClose(app, { deadlineMs: SHUTDOWN_DEADLINE_MS });
  app.addHook('preClose', (done) => {
    closing = true;
    longPolls.release();
    app.log.info('closing: waiting pulls answer now, new requests get 503, requests in flight finish');
    done();
  });
  if (options.closeStore ?? true) {
    app.addHook('onClose', async () => {
      await store.close();
    });
  }
  return app;
};

/** Listens and returns the base URL, e.g. http://127.0.0.1:43121 (port 0 picks a free one). */
export const listenHq = async (app: FastifyInstance, host: string, port: number): Promise<string> => {
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
};
