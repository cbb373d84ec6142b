/**
 * The browser-host variant (src-main/web) on the transport of shared/contract/desk-http.ts:
 * `POST /rpc/<method>` with the args as JSON, and change notices from the SSE stream
 * `GET /rpc/events`.
 *
 * The session secret comes from the page address (`?session=`), which the host printed. It is
 * taken out of the address bar at once (the host has set an HttpOnly cookie from it), so it does
 * not linger on screen; after a reload the cookie alone authenticates the page.
 */
import { DESK_HTTP, rpcPath, withSession } from '../../shared/contract/desk-http.js';
import type { ChangeNotice, DeskArgs, DeskBridge, DeskMethod, DeskResults, RpcResponse } from '../../shared/contract/desk-rpc.js';
import { isDeskErrorCode, TransportErrorCode } from '../../shared/contract/error-codes.js';

export interface HttpBridgeOptions {
  /** Where the host serves, e.g. `http://127.0.0.1:5174` (the page's own origin). */
  readonly baseUrl: string;
  /** The session secret, or null when the page relies on the host's cookie. */
  readonly session: string | null;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly EventSource: new (url: string) => EventSource;
}

const isEnvelope = (value: unknown): value is RpcResponse<unknown> => {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'result' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error as { code?: unknown; message?: unknown } | null;
  // A code outside the desk's union is not an answer this renderer can read (the host and the
  // renderer are built together).
  return typeof error === 'object' && error !== null && isDeskErrorCode(error.code) && typeof error.message === 'string';
};

const KINDS: readonly string[] = ['events', 'sync', 'session'] satisfies readonly ChangeNotice['kind'][];

/**
 * Reads one SSE `data:` payload; anything that is not a change notice is dropped. Checked by hand
 * rather than with the contract's zod schema, which would bring zod (and its eval probe, refused
 * by the page's CSP) into the renderer for this one check.
 */
export const parseChangeNotice = (data: string): ChangeNotice | null => {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return null;
    const { kind, position, streamIds } = value as Record<string, unknown>;
    if (typeof kind !== 'string' || !KINDS.includes(kind)) return null;
    if (position !== undefined && (typeof position !== 'number' || !Number.isInteger(position) || position < 0)) return null;
    if (streamIds !== undefined && (!Array.isArray(streamIds) || !streamIds.every((id) => typeof id === 'string'))) return null;
    return value as ChangeNotice;
  } catch {
    return null;
  }
};

export const createHttpBridge = (options: HttpBridgeOptions): DeskBridge => {
  const { baseUrl, session } = options;
  const listeners = new Set<(notice: ChangeNotice) => void>();
  let source: EventSource | null = null;

  const openStream = (): EventSource => {
    const address = `${baseUrl}${DESK_HTTP.eventsPath}`;
    const stream = new options.EventSource(session === null ? address : withSession(address, session));
    stream.onmessage = (message: MessageEvent<string>) => {
      const notice = parseChangeNotice(message.data);
      if (notice) for (const listener of [...listeners]) listener(notice);
    };
    return stream;
  };

  return {
    invoke: async <M extends DeskMethod>(method: M, args: DeskArgs<M>): Promise<RpcResponse<DeskResults[M]>> => {
      let response: Response;
      try {
        response = await options.fetch(`${baseUrl}${rpcPath(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(session === null ? {} : { [DESK_HTTP.sessionHeader]: session }) },
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch (error) {
        return { ok: false, error: { code: TransportErrorCode.HOST_UNREACHABLE, message: error instanceof Error ? error.message : String(error) } };
      }
      const body: unknown = await response.json().catch(() => null);
      // Refusals (400, 401, 403, 404, 413) carry an envelope too; trust only its shape.
      if (isEnvelope(body)) return body as RpcResponse<DeskResults[M]>;
      return { ok: false, error: { code: TransportErrorCode.HOST_ERROR, message: `HTTP ${response.status} without a desk answer` } };
    },
    onChange: (listener) => {
      listeners.add(listener);
      source ??= openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
};

/** The `?session=` of the page address, removed from the address bar (the cookie keeps it). */
export const takeSessionFromAddress = (win: Pick<Window, 'location' | 'history'>): string | null => {
  const address = new URL(win.location.href);
  const session = address.searchParams.get(DESK_HTTP.sessionQuery);
  if (session === null) return null;
  address.searchParams.delete(DESK_HTTP.sessionQuery);
  win.history.replaceState(win.history.state, '', `${address.pathname}${address.search}${address.hash}`);
  return session;
};
