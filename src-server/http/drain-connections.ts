/**
 * Shutdown must not wait on connections that carry no request. A client that abandoned a request
 * (a desk closing mid long-poll) can leave its socket open in its own pool; Node's server.close()
 * then waits for it until a keep-alive timeout. Once every request in flight has finished — or
 * after a deadline — the remaining connections are closed.
 */
import type { FastifyInstance } from 'fastify';

export const drainConnectionsOnClose = (app: FastifyInstance, options: { readonly deadlineMs: number; readonly pollMs?: number }): void => {
  let inFlight = 0;
  app.addHook('onRequest', (request, _reply, done) => {
    inFlight += 1;
    // 'close' comes once per request: when its answer is done, or when its client went away.
    request.raw.once('close', () => (inFlight -= 1));
    done();
  });
  app.addHook('preClose', (done) => {
    const started = Date.now();
    const check = setInterval(() => {
      if (inFlight > 0 && Date.now() - started < options.deadlineMs) return;
      clearInterval(check);
      app.server.closeAllConnections();
    }, options.pollMs ?? 20);
    check.unref();
    done();
  });
};
