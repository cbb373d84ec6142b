import { describe, expect, it } from 'vitest';
import {
  checkFetchSite,
  checkHost,
  checkOrigin,
  checkRequest,
  readCookie,
  sessionCookie,
  sessionMatches,
} from './request-guards.js';

const PORT = 5174;

describe('checkHost: exactly 127.0.0.1:<port> (no DNS rebinding)', () => {
  it('accepts our address', () => expect(checkHost('127.0.0.1:5174', PORT)).toEqual({ ok: true }));

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:5174',
    'localhost:5174',
    'LOCALHOST:5174',
    '127.0.0.1',
    '127.0.0.1:5175',
    '127.0.0.1:51740',
    '127.0.0.1.evil.example:5174',
    '127.0.0.1:5174.evil.example',
    '127.0.0.1:5174@evil.example',
    ' 127.0.0.1:5174',
    '127.0.0.01:5174',
    '2130706433:5174',
    '0x7f000001:5174',
    '[::1]:5174',
    '[::ffff:127.0.0.1]:5174',
    '0.0.0.0:5174',
  ])('refuses %j', (host) => {
    const verdict = checkHost(host, PORT);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/foreign Host/);
  });
});

describe('checkOrigin: none, or exactly ours', () => {
  it.each([undefined, 'http://127.0.0.1:5174'])('accepts %j', (origin) => expect(checkOrigin(origin, PORT)).toEqual({ ok: true }));

  it.each([
    'null',
    '',
    'http://127.0.0.1',
    'http://127.0.0.1:5175',
    'https://127.0.0.1:5174',
    'http://localhost:5174',
    'http://127.0.0.1:5174.evil.example',
    'http://127.0.0.1:5174/',
    'http://evil.example',
    'file://',
    'app://desk',
    'chrome-extension://abcdefghijklmnop',
  ])('refuses %j', (origin) => {
    expect(checkOrigin(origin, PORT).ok).toBe(false);
  });
});

describe('checkFetchSite: never from another site', () => {
  it.each([undefined, 'same-origin', 'none'])('accepts %j', (site) => expect(checkFetchSite(site).ok).toBe(true));
  it.each(['same-site', 'cross-site', '', 'SAME-ORIGIN'])('refuses %j', (site) => expect(checkFetchSite(site).ok).toBe(false));
});

describe('checkRequest', () => {
  it('names the first problem', () => {
    expect(checkRequest({ host: 'evil.example', origin: 'https://evil.example', fetchSite: 'cross-site' }, PORT)).toEqual({
      ok: false,
      reason: 'foreign Host "evil.example"',
    });
    expect(checkRequest({ host: '127.0.0.1:5174', origin: undefined, fetchSite: undefined }, PORT)).toEqual({ ok: true });
  });
});

describe('the session secret', () => {
  const SESSION = 'session-secret-0123456789';

  it('matches only the exact secret', () => {
    expect(sessionMatches(SESSION, SESSION)).toBe(true);
    for (const other of [undefined, '', SESSION.toUpperCase(), `${SESSION} `, SESSION.slice(0, -1), `${SESSION}0`]) {
      expect(sessionMatches(other, SESSION)).toBe(false);
    }
  });

  it('travels in an HttpOnly SameSite=Strict cookie named after the port', () => {
    expect(sessionCookie(PORT, SESSION)).toBe(`desk_session_5174=${SESSION}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it.each([
    [`desk_session_5174=${SESSION}`, SESSION],
    [`a=1; desk_session_5174=${SESSION}; b=2`, SESSION],
    [`desk_session_51740=x; desk_session_5174=${SESSION}`, SESSION],
    ['desk_session_5175=x', undefined],
    ['xdesk_session_5174=x', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads the cookie from %j', (header, value) => {
    expect(readCookie(header, 'desk_session_5174')).toBe(value);
  });
});
