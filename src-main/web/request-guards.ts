/**
 * The browser host's checks on every request, as small pure functions (tested with tables of
 * hostile input). The host listens on 127.0.0.1 only; these checks keep other web pages and DNS
 * rebinding away from it: the Host header must name exactly 127.0.0.1:<port>, an Origin (sent by
 * browsers on every POST and cross-origin request) must be exactly ours, and a browser's
 * Sec-Fetch-Site must not say the request came from another site.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const LOOPBACK = '127.0.0.1';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const ok: Verdict = { ok: true };
const quote = (value: string): string => JSON.stringify(value.slice(0, 200));

export const originOf = (port: number): string => `http://${LOOPBACK}:${port}`;

export const checkHost = (host: string | undefined, port: number): Verdict =>
  host === `${LOOPBACK}:${port}` ? ok : { ok: false, reason: `foreign Host ${quote(host ?? '(none)')}` };

/** No Origin (curl, a test, a same-origin GET) passes; any Origin must be exactly ours. */
export const checkOrigin = (origin: string | undefined, port: number): Verdict =>
  origin === undefined || origin === originOf(port) ? ok : { ok: false, reason: `foreign Origin ${quote(origin)}` };

export const checkFetchSite = (site: string | undefined): Verdict =>
  site === undefined || site === 'same-origin' || site === 'none' ? ok : { ok: false, reason: `Sec-Fetch-Site ${quote(site)}` };

export interface RequestFacts {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly fetchSite: string | undefined;
}

export const checkRequest = (facts: RequestFacts, port: number): Verdict => {
  for (const verdict of [checkHost(facts.host, port), checkOrigin(facts.origin, port), checkFetchSite(facts.fetchSite)]) {
    if (!verdict.ok) return verdict;
  }
  return ok;
};

/** The cookie that carries the session for the page and the SSE stream; one per port. */
export const sessionCookieName = (port: number): string => `desk_session_${port}`;

export const sessionCookie = (port: number, session: string): string =>
  `${sessionCookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`;

/** The value of cookie `name` in a Cookie header, or undefined. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
};

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison of a presented secret with the session. */
export const sessionMatches = (presented: string | undefined, session: string): boolean =>
  presented !== undefined && timingSafeEqual(digest(presented), digest(session));

/** A session secret a person may choose with --session: URL-safe, long enough to guess never. */
export const SESSION_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
