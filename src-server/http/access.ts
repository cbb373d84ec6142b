/**
 * Who may call what. A bearer token names one device record (tenant, scope, installation); it is
 * looked up by hash on every request, so a revoked or rotated token is refused at once, on every
 * HQ process. Which scope reaches which endpoint is the contract's HQ_ROUTE_SCOPES table: a kiosk
 * (an unattended check-in screen) may ask who it is, but may not push to or read the clinic's
 * whole log, which holds every patient's history.
 */
import type { FastifyRequest } from 'fastify';
import { HQ_ROUTE_SCOPES } from '../../shared/contract/sync-protocol.js';
import type { Credential, TenancyStore } from '../store/hq-store.js';
import { hashToken, TOKEN_PATTERN } from '../tenancy/tokens.js';
import { HqError } from './errors.js';

export type Endpoint = keyof typeof HQ_ROUTE_SCOPES;

const BEARER = /^Bearer ([^\s]+)$/;

/** The device behind the request's token; 401 for a missing, malformed, unknown or revoked one. */
export const authenticate = async (authorization: string | undefined, store: TenancyStore): Promise<Credential> => {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  if (token === undefined) throw new HqError('UNAUTHENTICATED', 'Send the device token as "Authorization: Bearer <token>"');
  const credential = TOKEN_PATTERN.test(token) ? await store.findCredential(hashToken(token)) : undefined;
  if (!credential) throw new HqError('UNAUTHENTICATED', 'Unknown or revoked token');
  return credential;
};

export const requireScope = (credential: Credential, endpoint: Endpoint): void => {
  const allowed: readonly string[] = HQ_ROUTE_SCOPES[endpoint];
  if (!allowed.includes(credential.scope)) {
    throw new HqError('SCOPE_FORBIDDEN', `A ${credential.scope} token may not use ${endpoint} (allowed: ${allowed.join(', ')})`);
  }
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every authenticated route; routes without it are public. */
    endpoint?: Endpoint;
  }
  interface FastifyRequest {
    credential: Credential | null;
  }
}

/** The credential the onRequest hook attached; only called from authenticated routes. */
export const credentialOf = (request: FastifyRequest): Credential => {
  if (!request.credential) throw new Error(`Route ${request.url} reached its handler without a credential`);
  return request.credential;
};
