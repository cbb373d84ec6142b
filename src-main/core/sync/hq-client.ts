/**
 * The desk's side of the HQ sync protocol: one typed call per endpoint, every answer parsed with
 * the shared zod schemas, every failure classified so the worker knows whether to back off,
 * pause, or stop. Nothing here retries: that is the worker's decision.
 */
import {
  HQ_PATHS,
  HealthAnswerSchema,
  HqErrorBodySchema,
  PullResponseSchema,
  PushResponseSchema,
  WhoamiResponseSchema,
  type HealthAnswer,
  type HqErrorCode,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type WhoamiResponse,
} from '../../../shared/contract/sync-protocol.js';
import type { z } from 'zod';
import { compiledOnFirstUse } from '../../../shared/contract/compiled-on-first-use.js';
import { describeIssues } from '../../../shared/contract/zod-issues.js';
import { parseJsonBytes } from '../../../src-node/json-in-pieces.js';

/** Why a call to HQ failed. */
export type HqFailure =
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'aborted'; readonly message: string }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly code: HqErrorCode | null;
      readonly message: string;
      /** From Retry-After (429, 503). */
      readonly retryAfterMs: number | null;
    }
  /** HQ answered 2xx with something that is not the protocol's answer. */
  | { readonly kind: 'protocol'; readonly message: string };

export class HqCallError extends Error {
  override readonly name = 'HqCallError';
  constructor(readonly failure: HqFailure) {
    super(failure.message);
  }
}

export interface HqClientOptions {
  /** HQ's address, e.g. https://hq.example.com or http://127.0.0.1:8787 (a path prefix is kept). */
  readonly url: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
  /** For calls that do not wait on purpose (everything but a long-poll's wait). */
  readonly timeoutMs?: number;
  /** The desk's clock (ms), against which HQ's serverTime is compared. */
  readonly now?: () => number;
}

export interface TimedHealth {
  readonly health: HealthAnswer;
  /** The desk's clock when the request left and when the answer came: the skew is measured against their midpoint. */
  readonly sentAt: number;
  readonly receivedAt: number;
}

export interface HqClient {
  readonly health: (signal?: AbortSignal) => Promise<TimedHealth>;
  readonly whoami: (signal?: AbortSignal) => Promise<WhoamiResponse>;
  /** `timeoutMs`: this push's own, instead of the client's (a push of one command on a slow link may take longer). */
  readonly push: (request: PreparedPush, signal?: AbortSignal, timeoutMs?: number) => Promise<PushResponse>;
  /** `timeoutMs`: this page's own, instead of the client's (a page of one event on a slow link may take longer); the wait is added to it. */
  readonly pull: (query: { after: number; limit: number; waitMs: number }, signal?: AbortSignal, timeoutMs?: number) => Promise<PullResponse>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

// checked per event (a page of up to a thousand, a receipt each), so compiled
const pullAnswer = compiledOnFirstUse(PullResponseSchema);
const pushAnswer = compiledOnFirstUse(PushResponseSchema);

/** A push whose events are UTF-8 JSON already (the batch measured them so): its body is joined, not serialized again. */
export interface PreparedPush {
  readonly head: Omit<PushRequest, 'events'>;
  readonly eventBodies: readonly Uint8Array[];
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** The push's body as UTF-8: exactly JSON.stringify({ ...head, events }) of the events the bodies were made from. */
export const pushBodyOf = ({ head, eventBodies }: PreparedPush): Buffer => {
  const fields = JSON.stringify(head);
  const parts: Uint8Array[] = [Buffer.from(`${fields.slice(0, -1)}${fields === '{}' ? '' : ','}"events":[`)];
  eventBodies.forEach((body, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(body);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
};

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: number): number | null => {
  const value = header?.trim() ?? '';
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  // An HTTP date (IMF-fixdate), e.g. "Tue, 01 Dec 2026 09:00:30 GMT"; nothing looser.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
};

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : null;
  return code ? `${error.message} (${code})` : error.message;
};

/** An answer's body as JSON, exactly as JSON.parse of Response.text() would read it; null when empty or not JSON. */
export const answerBodyOf = (bytes: Buffer): unknown => {
  try {
    return parseJsonBytes(bytes);
  } catch {
    // an empty body (or only a byte-order mark) too: JSON.parse('') throws
    return null;
  }
};

export const createHqClient = (options: HqClientOptions): HqClient => {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  const call = async <T>(
    path: string,
    schema: z.ZodType<T>,
    init: { method: 'GET' | 'POST'; body?: Uint8Array; auth: boolean; signal?: AbortSignal; waitMs?: number; timeoutMs?: number },
  ): Promise<T> => {
    const timeout = AbortSignal.timeout((init.timeoutMs ?? timeoutMs) + (init.waitMs ?? 0));
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method,
        headers: {
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.auth ? { authorization: `Bearer ${options.token}` } : {}),
        },
        // As bytes: a string body is first copied into a well-formed one by fetch (a pass over a push of a
        // megabyte), then encoded all the same.
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal,
      });
    } catch (error) {
      if (init.signal?.aborted) throw new HqCallError({ kind: 'aborted', message: 'stopped' });
      if (timeout.aborted) throw new HqCallError({ kind: 'timeout', message: `HQ did not answer ${path} in time` });
      throw new HqCallError({ kind: 'network', message: `HQ unreachable: ${describe(error)}` });
    }
    // As bytes: a pull page of a thousand events (~700 KB) is parsed in pieces, not decoded as one large string (json-in-pieces.ts)
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      if (init.signal?.aborted) throw new HqCallError({ kind: 'aborted', message: 'stopped' });
      if (timeout.aborted) throw new HqCallError({ kind: 'timeout', message: `HQ's answer to ${path} did not arrive in time` });
      throw new HqCallError({ kind: 'network', message: `HQ's answer was cut off: ${describe(error)}` });
    }
    const body = answerBodyOf(bytes);
    if (!response.ok) {
      const refusal = HqErrorBodySchema.safeParse(body);
      throw new HqCallError({
        kind: 'http',
        status: response.status,
        code: refusal.success ? refusal.data.error.code : null,
        message: refusal.success ? refusal.data.error.message : `HQ answered HTTP ${response.status}`,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()),
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new HqCallError({ kind: 'protocol', message: `HQ's answer to ${path} is not the protocol's: ${describeIssues(parsed.error.issues)}` });
    }
    return parsed.data;
  };

  return {
    health: async (signal) => {
      const sentAt = now();
      const health = await call(HQ_PATHS.health, HealthAnswerSchema, { method: 'GET', auth: false, ...(signal ? { signal } : {}) });
      return { health, sentAt, receivedAt: now() };
    },
    whoami: (signal) => call(HQ_PATHS.whoami, WhoamiResponseSchema, { method: 'GET', auth: true, ...(signal ? { signal } : {}) }),
    push: (request, signal, pushTimeoutMs) =>
      call(HQ_PATHS.push, pushAnswer(), {
        method: 'POST',
        body: pushBodyOf(request),
        auth: true,
        ...(signal ? { signal } : {}),
        ...(pushTimeoutMs !== undefined ? { timeoutMs: pushTimeoutMs } : {}),
      }),
    pull: (query, signal, pullTimeoutMs) =>
      call(`${HQ_PATHS.events}?after=${query.after}&limit=${query.limit}&waitMs=${query.waitMs}`, pullAnswer(), {
        method: 'GET',
        auth: true,
        waitMs: query.waitMs,
        ...(signal ? { signal } : {}),
        ...(pullTimeoutMs !== undefined ? { timeoutMs: pullTimeoutMs } : {}),
      }),
  };
};
