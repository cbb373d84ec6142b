/**
 * POST /v1/push. The request is refused as a whole (and nothing is stored) when it is malformed,
 * too large, names another tenant, comes from an installation other than the bound one, or comes
 * from an app below the minimum version with events HQ has not recorded yet, or has a basis that
 * names streams it does not push. Otherwise every event gets its own status (log/push-plan.ts).
 */
import type { FastifyInstance } from 'fastify';
import { HQ_PATHS, PushRequestSchema, type PushResponse, type PushStatus } from '../../../shared/contract/sync-protocol.js';
import { compareAppVersions } from '../../../shared/contract/app-version.js';
import { checkEvent } from '../../log/checked-event.js';
import { basisProblem } from '../../log/push-plan.js';
import type { Credential } from '../../store/hq-store.js';
import { credentialOf } from '../access.js';
import { HqError } from '../errors.js';
import { parseRequest } from '../validate.js';
import type { RouteDeps } from './route-deps.js';

type PushedEvent = { readonly eventId: string } & Record<string, unknown>;

/** The installation id the event claims in meta.deviceId, when it claims one. */
const claimedInstallation = (event: PushedEvent): unknown =>
  typeof event.meta === 'object' && event.meta !== null && 'deviceId' in event.meta ? event.meta.deviceId : undefined;

/** Tenant and installation: a forged field fails the whole request, before anything is read or written. */
const checkIdentity = (credential: Credential, installationId: string, events: readonly PushedEvent[]): void => {
  for (const event of events) {
    if (typeof event.tenantId === 'string' && event.tenantId !== credential.tenantId) {
      throw new HqError('TENANT_MISMATCH', `Event ${event.eventId} names another tenant than this token's`);
    }
  }
  if (credential.installationId !== null && credential.installationId !== installationId) {
    throw new HqError('INSTALLATION_MISMATCH', 'This device token is bound to another installation');
  }
  for (const event of events) {
    const claimed = claimedInstallation(event);
    if (typeof claimed === 'string' && claimed !== installationId) {
      throw new HqError('INSTALLATION_MISMATCH', `Event ${event.eventId} was raised by another installation than the pushing one`);
    }
  }
};

export const registerPushRoute = (app: FastifyInstance, { store, settings, now }: RouteDeps): void => {
  app.post(HQ_PATHS.push, { config: { endpoint: 'push' } }, async (request): Promise<PushResponse> => {
    const credential = credentialOf(request);
    const body = parseRequest(PushRequestSchema, request.body, 'body');
    if (body.events.length > settings.limits.maxEventsPerPush) {
      throw new HqError('TOO_MANY_EVENTS', `At most ${settings.limits.maxEventsPerPush} events per push; got ${body.events.length}`);
    }
    const basis = new Map(Object.entries(body.basis ?? {}));
    if (basis.size > settings.limits.maxEventsPerPush) {
      throw new HqError('TOO_MANY_EVENTS', `At most ${settings.limits.maxEventsPerPush} basis entries per push; got ${basis.size}`);
    }
    checkIdentity(credential, body.deviceId, body.events);
    const events = body.events.map(checkEvent);
    const misplaced = basisProblem(events, basis);
    if (misplaced !== undefined) throw new HqError('MALFORMED', `Invalid request body: ${misplaced}`);
    const tooOld = compareAppVersions(body.appVersion, settings.minClientVersion) < 0;

    const outcome = await store.push({
      tenantId: credential.tenantId,
      deviceId: credential.deviceId,
      installationId: body.deviceId,
      appVersion: body.appVersion,
      receivedAt: now().toISOString(),
      events,
      basis,
      onlyRecorded: tooOld,
    });
    switch (outcome.kind) {
      case 'done': {
        const counts: Partial<Record<PushStatus, number>> = {};
        for (const result of outcome.results) counts[result.status] = (counts[result.status] ?? 0) + 1;
        request.log.info({ tenantId: credential.tenantId, deviceId: credential.deviceId, head: outcome.head, ...counts }, 'push');
        return { results: [...outcome.results] };
      }
      case 'installation-mismatch':
        throw new HqError('INSTALLATION_MISMATCH', 'This device token is bound to another installation');
      case 'device-revoked':
        throw new HqError('UNAUTHENTICATED', 'Unknown or revoked token');
      case 'not-recorded':
        throw new HqError(
          'CLIENT_TOO_OLD',
          `App ${body.appVersion} is below the minimum ${settings.minClientVersion}; update the app (events already recorded may still be pushed)`,
        );
    }
  });
};
