import type { FastifyInstance } from 'fastify';
import { HQ_PATHS, type HealthResponse } from '../../../shared/contract/sync-protocol.js';
import type { RouteDeps } from './route-deps.js';

/** Public: a load balancer asks it, a desk reads serverTime and the limits. Answers only when the database does. */
export const registerHealthRoute = (app: FastifyInstance, { store, settings, now }: RouteDeps): void => {
  app.get(HQ_PATHS.health, async (): Promise<HealthResponse> => {
    await store.ping();
    return {
      ok: true,
      version: settings.version,
      logId: store.logId,
      serverTime: now().toISOString(),
      minClientVersion: settings.minClientVersion,
      limits: settings.limits,
    };
  });
};
