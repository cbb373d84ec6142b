/** A small HTTP client for HQ tests: raw enough to send hostile requests, typed enough for the rest. */
import type { PullResponse, PushResponse, WhoamiResponse } from '../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';

export interface HqReply<Body = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly token?: string;
  /** Serialized as JSON. */
  readonly json?: unknown;
  /** Sent as is (with `contentType`, default application/json). */
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

export const hqRequest = async <Body = unknown>(baseUrl: string, path: string, options: RequestOptions = {}): Promise<HqReply<Body>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (options.raw !== undefined) body = options.raw;
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(baseUrl + path, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // left as text: a test asserting on JSON will fail visibly
  }
  return { status: response.status, headers: response.headers, body: parsed as Body };
};

export interface PushBody {
  readonly deviceId: string;
  readonly appVersion: string;
  readonly basis?: Readonly<Record<string, string>>;
  readonly events: readonly (EventEnvelope | Record<string, unknown>)[];
}

export const push = (baseUrl: string, token: string, body: PushBody, headers: Record<string, string> = {}) =>
  hqRequest<PushResponse>(baseUrl, '/v1/push', { token, json: body, headers });

export const pull = (
  baseUrl: string,
  token: string,
  query: { after?: number; limit?: number; waitMs?: number } = {},
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
) => {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]));
  return hqRequest<PullResponse>(baseUrl, `/v1/events?${search.toString()}`, { token, ...options });
};

export const whoami = (baseUrl: string, token: string) => hqRequest<WhoamiResponse>(baseUrl, '/v1/whoami', { token });
