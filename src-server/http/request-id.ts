/**
 * Request ids for the logs: the caller's X-Request-Id when it is a plain token (a load balancer's
 * or the desk's, so one id follows a request across systems), otherwise a new UUID. Anything else
 * is replaced rather than copied into the logs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

export const requestIdOf = (request: IncomingMessage): string => {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
};
