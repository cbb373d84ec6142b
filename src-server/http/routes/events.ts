import type { FastifyInstance } from 'fastify';
import { HQ_PATHS, PullQuerySchema } from '../../../shared/contract/sync-protocol.js';
import { pullResponseBytes } from '../../log/pulled-event.js';
import { authenticate, credentialOf } from '../access.js';
import { parseRequest } from '../validate.js';
import type { RouteDeps } from './route-deps.js';

/**
 * GET /v1/events: the tenant's log in server order, from `after`, optionally waiting for news.
 * The answer (PullResponseSchema) is written as bytes around the events' stored JSON, which is
 * never parsed (nor, from SQLite, even decoded) on the way out.
 */
export const registerEventsRoute = (app: FastifyInstance, { store, settings, now, longPolls }: RouteDeps): void => {
  app.get(HQ_PATHS.events, { config: { endpoint: 'events' } }, async (request, reply): Promise<Buffer> => {
    const credential = credentialOf(request);
    const query = parseRequest(PullQuerySchema, request.query, 'query');
    const limit = Math.min(query.limit, settings.limits.maxPullLimit);
    const waitMs = Math.min(query.waitMs, settings.limits.maxWaitMs);
    const read = () => store.readEvents(credential.tenantId, query.after, limit, settings.limits.maxPullBytes);

    let page;
    let waited = false;
    if (waitMs === 0) {
      page = await read();
    } else {
      const gone = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableEnded) gone.abort();
      };
      reply.raw.once('close', onClose);
      try {
        page = await longPolls.wait({
          deviceId: credential.deviceId,
          tenantId: credential.tenantId,
          waitMs,
          read,
          gone: gone.signal,
          onWaiting: () => {
            waited = true;
            request.log.debug({ tenantId: credential.tenantId, after: query.after }, 'pull waiting');
          },
        });
      } finally {
        reply.raw.off('close', onClose);
      }
      if (gone.signal.aborted) request.log.debug({ tenantId: credential.tenantId }, 'pull abandoned by its client');
    }
    // A pull that waited may outlive its token (revoked or rotated by the CLI, on any HQ process):
    // the token is looked up again after the last read, so a refused token never gets events.
    if (waited) await authenticate(request.headers.authorization, store);
    await store.recordSeen(credential.deviceId, now().toISOString());
    const last = page.events.lastPosition ?? query.after;
    void reply.type('application/json; charset=utf-8');
    return pullResponseBytes({ logId: store.logId, events: page.events, head: page.head, more: last < page.head });
  });
};
