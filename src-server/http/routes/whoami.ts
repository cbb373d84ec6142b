import type { FastifyInstance } from 'fastify';
import { HQ_PATHS, type WhoamiResponse } from '../../../shared/contract/sync-protocol.js';
import { lowestAppVersion } from '../../../shared/contract/app-version.js';
import { credentialOf } from '../access.js';
import type { RouteDeps } from './route-deps.js';

export const registerWhoamiRoute = (app: FastifyInstance, { store, now }: RouteDeps): void => {
  app.get(HQ_PATHS.whoami, { config: { endpoint: 'whoami' } }, async (request): Promise<WhoamiResponse> => {
    const credential = credentialOf(request);
    const versions = await store.activeAppVersions(credential.tenantId);
    await store.recordSeen(credential.deviceId, now().toISOString());
    return {
      tenantId: credential.tenantId,
      tenantName: credential.tenantName,
      deviceId: credential.deviceId,
      name: credential.name,
      scope: credential.scope,
      ...(credential.installationId === null ? {} : { installationId: credential.installationId }),
      lowestActiveAppVersion: lowestAppVersion(versions),
    };
  });
};
