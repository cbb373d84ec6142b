/**
 * The browser host (docs/architecture.md, "Desk RPC contract"): the same DeskCore as the desk app, behind loopback HTTP, on
 * the transport declared in shared/contract/desk-http.ts:
 *
 *   GET  /, /index.html, /assets/…   the built renderer
 *   POST /rpc/<method>               JSON body = args → the `{ ok }` envelope, always HTTP 200
 *   GET  /rpc/events                 change notices as server-sent events
 *
 * Every request: Host exactly 127.0.0.1:<port>, Origin (if any) exactly ours, no cross-site
 * Sec-Fetch-Site — else 403. Then the per-launch session secret — else 401: RPC clients send it
 * as X-Desk-Session; the page and the SSE stream take it from `?session=` or from the HttpOnly
 * SameSite=Strict cookie set from it (a cookie-only RPC must also carry our Origin, which every
 * browser sends on a POST). An unknown method is 404, a body over 1 MB 413, malformed JSON 400,
 * anything but JSON 415; none of them reaches DeskCore. Refusals are logged with their reason.
 */
import type { ServerResponse } from 'node:http';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { DESK_HTTP, withSession } from '../../shared/contract/desk-http.js';
import { isDeskMethod, type RpcResponse } from '../../shared/contract/desk-rpc.js';
import { HostErrorCode, type DeskErrorCode } from '../../shared/contract/error-codes.js';
import type { DeskCore } from '../core/desk-core-api.js';
import { loadRendererFiles } from './renderer-files.js';
import {
  checkRequest,
  LOOPBACK,
  originOf,
  readCookie,
  sessionCookie,
  sessionCookieName,
  sessionMatches,
} from './request-guards.js';
import { SECURITY_HEADERS } from './security-headers.js';

export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 25_000;

export interface DeskWebHostOptions {
  readonly core: Pick<DeskCore, 'invoke' | 'onChange'>;
  readonly session: string;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log: (line: string) => void;
}

export interface DeskWebHost {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** The address to open: the page with the session secret. */
  readonly pageUrl: string;
  readonly close: () => Promise<void>;
}

const refusal = (code: DeskErrorCode, message: string): RpcResponse<never> => ({ ok: false, error: { code, message } });

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const queryValue = (request: FastifyRequest, name: string): string | undefined => {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

const PAGE_WITHOUT_SESSION = `<!doctype html><html lang="ko"><meta charset="utf-8"><title>clinic-desk</title>
<p>이 주소로는 열 수 없습니다. <code>npm run desk:web</code>이 출력한 주소(<code>?session=…</code> 포함)를 여세요.</p>
<p>Open the address printed by <code>npm run desk:web</code>, including its <code>?session=…</code>.</p></html>`;

export const startDeskWebHost = async (options: DeskWebHostOptions): Promise<DeskWebHost> => {
  const { core, session, log } = options;
  const files = loadRendererFiles(options.rendererDir);
  if (!files.has('/index.html')) log(`renderer not built in ${options.rendererDir}: run \`npm run build\``);
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const fastify = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, forceCloseConnections: true, return503OnClosing: true });
  // JSON only: a text/plain or form POST (what another page could send without CORS) is 415.
  fastify.removeContentTypeParser(['text/plain']);

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, code: HostErrorCode, message: string): FastifyReply => {
    log(`refused ${request.method} ${request.url.split('?')[0] ?? ''}: ${status} ${message}`);
    return reply.code(status).send(refusal(code, message));
  };

  /** The session as presented: header first, then `?session=` (page and SSE), then the cookie. */
  const presented = (request: FastifyRequest, allowQuery: boolean): { value: string | undefined; via: 'header' | 'query' | 'cookie' | null } => {
    const fromHeader = header(request, DESK_HTTP.sessionHeader.toLowerCase());
    if (fromHeader !== undefined) return { value: fromHeader, via: 'header' };
    const fromQuery = allowQuery ? queryValue(request, DESK_HTTP.sessionQuery) : undefined;
    if (fromQuery !== undefined) return { value: fromQuery, via: 'query' };
    const fromCookie = readCookie(header(request, 'cookie'), sessionCookieName(port));
    if (fromCookie !== undefined) return { value: fromCookie, via: 'cookie' };
    return { value: undefined, via: null };
  };

  fastify.addHook('onRequest', async (request, reply) => {
    const verdict = checkRequest(
      { host: header(request, 'host'), origin: header(request, 'origin'), fetchSite: header(request, 'sec-fetch-site') },
      port,
    );
    if (!verdict.ok) return refuse(request, reply, 403, HostErrorCode.FORBIDDEN, verdict.reason);
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    void reply.headers(SECURITY_HEADERS);
    return payload;
  });
  fastify.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return refuse(request, reply, 413, HostErrorCode.BODY_TOO_LARGE, `the body is over ${MAX_BODY_BYTES} bytes`);
    if (status === 415) return refuse(request, reply, 415, HostErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send the args as application/json');
    if (status >= 400 && status < 500) return refuse(request, reply, 400, HostErrorCode.MALFORMED_REQUEST, error.message ?? 'malformed request');
    log(`internal error on ${request.method} ${request.url.split('?')[0] ?? ''}: ${String(error.message)}`);
    return reply.code(500).send(refusal(HostErrorCode.INTERNAL, 'internal error'));
  });
  fastify.setNotFoundHandler((request, reply) => refuse(request, reply, 404, HostErrorCode.NOT_FOUND, 'no such address'));

  // --- RPC ------------------------------------------------------------------------------------
  fastify.post<{ Params: { method: string } }>(
    `${DESK_HTTP.rpcPrefix}:method`,
    {
      onRequest: async (request, reply) => {
        const { value, via } = presented(request, false);
        if (via === 'cookie' && header(request, 'origin') === undefined) {
          return refuse(request, reply, 401, HostErrorCode.SESSION_REQUIRED, `a cookie alone needs our Origin; send ${DESK_HTTP.sessionHeader}`);
        }
        if (!sessionMatches(value, session)) {
          return refuse(request, reply, 401, HostErrorCode.SESSION_REQUIRED, value === undefined ? 'no session secret' : 'wrong session secret');
        }
        if (!isDeskMethod(request.params.method)) {
          return refuse(request, reply, 404, HostErrorCode.UNKNOWN_METHOD, `unknown method ${request.params.method.slice(0, 100)}`);
        }
      },
    },
    // DeskCore parses the body (the one place arguments are parsed) and answers with the envelope.
    async (request, reply) => reply.code(200).send(await core.invoke(request.params.method, request.body ?? {})),
  );

  // --- change notices -------------------------------------------------------------------------
  fastify.get(
    DESK_HTTP.eventsPath,
    {
      onRequest: async (request, reply) => {
        const { value } = presented(request, true);
        if (!sessionMatches(value, session)) {
          return refuse(request, reply, 401, HostErrorCode.SESSION_REQUIRED, value === undefined ? 'no session secret' : 'wrong session secret');
        }
      },
    },
    (request, reply) => {
      void reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      // The comment tells a client the stream is subscribed; `retry` how soon to come back.
      response.write('retry: 3000\n: subscribed\n\n');
      const stop = core.onChange((notice) => {
        response.write(`data: ${JSON.stringify(notice)}\n\n`);
      });
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
      streams.add(response);
      request.raw.once('close', () => {
        clearInterval(heartbeat);
        stop();
        streams.delete(response);
      });
    },
  );

  // --- the page ---------------------------------------------------------------------------------
  fastify.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const file = files.get(pathname === '/' ? '/index.html' : pathname);
    const isPage = pathname === '/' || pathname === '/index.html';
    const { value, via } = presented(request, true);
    if (!sessionMatches(value, session)) {
      log(`refused GET ${pathname}: 401 ${value === undefined ? 'no session secret' : 'wrong session secret'}`);
      if (isPage) return reply.code(401).type('text/html; charset=utf-8').send(PAGE_WITHOUT_SESSION);
      return reply.code(401).send(refusal(HostErrorCode.SESSION_REQUIRED, 'no valid session'));
    }
    if (file === undefined) {
      if (isPage) return reply.code(503).type('text/plain; charset=utf-8').send('The renderer is not built: run `npm run build`.');
      return refuse(request, reply, 404, HostErrorCode.NOT_FOUND, 'no such file');
    }
    if (via === 'query') void reply.header('Set-Cookie', sessionCookie(port, session));
    return reply.code(200).type(file.contentType).send(file.body);
  });

  await fastify.listen({ host: LOOPBACK, port: options.port });
  const address = fastify.server.address();
  if (address === null || typeof address === 'string') throw new Error('the host has no TCP address');
  port = address.port;
  const origin = originOf(port);

  return {
    port,
    origin,
    pageUrl: withSession(`${origin}/`, session),
    close: async () => {
      for (const response of streams) response.end();
      streams.clear();
      await fastify.close();
    },
  };
};
