/**
 * Shutdown must not wait on connections that carry no request. A client that abandoned a request
 * (a desk closing mid long-poll) can leave its socket open in its own pool; Node's server.close()
 * then waits for it until a keep-alive timeout. Once every request in flight has finished — or
 * after a deadline — the remaining connections are closed. Requests still in flight at the
 * deadline are logged (a warning an operator can act on: which request held shutdown up).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const drainConnectionsOnClose = (app: FastifyInstance, options: { readonly deadlineMs: number; readonly pollMs?: number }): void => {
  const inFlight = new Map<IncomingMessage, { readonly reqId: string; readonly method: string; readonly url: string; readonly since: number }>();
  app.addHook('onRequest', (request, reply, done) => {
    inFlight.set(request.raw, { reqId: request.id, method: request.method, url: request.url.split('?')[0] ?? '', since: Date.now() });
    // The answer's 'close' comes once: when it has been sent, or when its client went away. (The
    // request's own 'close' comes as soon as its body has been read: a push would count as done
    // while it is still being written, and shutdown would cut its connection mid-commit.)
    reply.raw.once('close', () => inFlight.delete(request.raw));
    done();
  });
  app.addHook('preClose', (done) => {
    const started = Date.now();
    const check = setInterval(() => {
      if (inFlight.size > 0 && Date.now() - started < options.deadlineMs) return;
      clearInterval(check);
      if (inFlight.size > 0) {
        const requests = [...inFlight.values()].map(({ since, ...request }) => ({ ...request, ms: Date.now() - since }));
        app.log.warn({ requests }, `closing: ${inFlight.size} request(s) still in flight after ${options.deadlineMs} ms; closing their connections`);
      }
      app.server.closeAllConnections();
    }, options.pollMs ?? 20);
    check.unref();
    done();
  });
};
