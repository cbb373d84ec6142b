/**
 * The browser transport of the desk RPC contract, declared once for both of its ends (the browser
 * host, src-main/web/host.ts, and the renderer's HTTP Bridge), as HQ_PATHS declares HQ's:
 *
 *   POST <rpcPrefix><method>   JSON body = the method's args → the `{ ok }` envelope
 *   GET  <eventsPath>          change notices as server-sent events
 *
 * An RPC call carries the per-launch session secret in `sessionHeader`; the page and the SSE
 * stream (which cannot set headers) take it from the `sessionQuery` parameter of their address,
 * or from the cookie the host set from it.
 */
import type { DeskMethod } from './desk-rpc.js';

export const DESK_HTTP = {
  rpcPrefix: '/rpc/',
  eventsPath: '/rpc/events',
  sessionHeader: 'X-Desk-Session',
  sessionQuery: 'session',
} as const;

/** The address of one method, relative to the host's origin. */
export const rpcPath = (method: DeskMethod): string => `${DESK_HTTP.rpcPrefix}${encodeURIComponent(method)}`;

/** An address with the session secret in it: the page the host prints, the SSE stream the page opens. */
export const withSession = (address: string, session: string): string =>
  `${address}?${DESK_HTTP.sessionQuery}=${encodeURIComponent(session)}`;
