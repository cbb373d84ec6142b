/**
 * HQ's refusals. Every one is `{ error: { code, message } }` with the HTTP status from the one
 * table below; 429 and 503 add Retry-After.
 */
import type { HqErrorBody, HqErrorCode } from '../../shared/contract/sync-protocol.js';

export const HTTP_STATUS: Readonly<Record<HqErrorCode, number>> = {
  MALFORMED: 400,
  UNAUTHENTICATED: 401,
  TENANT_MISMATCH: 403,
  INSTALLATION_MISMATCH: 403,
  SCOPE_FORBIDDEN: 403,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  TOO_MANY_EVENTS: 413,
  CLIENT_TOO_OLD: 426,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export class HqError extends Error {
  override readonly name = 'HqError';
  constructor(
    readonly code: HqErrorCode,
    message: string,
    /** Seconds, sent as Retry-After (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  body(): HqErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
