/**
 * The browser host over real HTTP on 127.0.0.1, in front of the REAL DeskCore on a real data
 * folder. Every refusal is checked for its status AND for leaving the desk unchanged (the events
 * table of desk.db, read on its own connection).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskCore } from '../../src-main/core/desk-core-api.js';
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { createFileSecretStore } from '../../src-main/web/file-secrets.js';
import { startDeskWebHost, type DeskWebHost } from '../../src-main/web/host.js';
import { WEB_CSP } from '../../src-main/web/security-headers.js';
import { loopbackRequest, openEventStream, type LoopbackResponse } from '../support/loopback-http.js';

const SESSION = 'test-session-secret-0123456789';
let root: string;
let dataDir: string;
let core: DeskCore;
let host: DeskWebHost;
let refusals: string[];

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-web-host-'));
  dataDir = path.join(root, 'clinic');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk page</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("desk")');
  core = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: createFileSecretStore(path.join(dataDir, 'secrets')) });
  refusals = [];
  host = await startDeskWebHost({ core, session: SESSION, rendererDir, port: 0, log: (line) => refusals.push(line) });
});

afterEach(async () => {
  await host.close();
  await core.close({ syncTimeoutMs: 0 });
  fs.rmSync(root, { recursive: true, force: true });
});

const storedEvents = (): number => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const json = (response: LoopbackResponse): unknown => JSON.parse(response.body);

const rpc = (method: string, args: unknown, headers: Record<string, string> = {}): Promise<LoopbackResponse> =>
  loopbackRequest(host.port, {
    method: 'POST',
    path: `/rpc/${method}`,
    headers: { 'content-type': 'application/json', 'x-desk-session': SESSION, ...headers },
    body: JSON.stringify(args),
  });

/** What a refused call would have done had it gone through: make the clinic's first manager. */
const FIRST_MANAGER = { name: '김지현', role: 'manager', pin: '1234' };

const expectNoChange = async (before: number): Promise<void> => {
  expect(storedEvents()).toBe(before);
  expect(json(await rpc('desk.status', {}))).toMatchObject({ ok: true, result: { staffCount: 0 } });
};

describe('refusals: the right status, an envelope, a logged reason, and no change', () => {
  it.each([
    ['no session secret', { 'x-desk-session': null }, 401, 'SESSION_REQUIRED'],
    ['a wrong session secret', { 'x-desk-session': 'wrong-session-secret-000000000' }, 401, 'SESSION_REQUIRED'],
    ['an empty session secret', { 'x-desk-session': '' }, 401, 'SESSION_REQUIRED'],
    ['the secret with a different case', { 'x-desk-session': SESSION.toUpperCase() }, 401, 'SESSION_REQUIRED'],
    ['a foreign Origin', { origin: 'https://evil.example' }, 403, 'FORBIDDEN'],
    ['Origin null (a sandboxed frame, a file:// page)', { origin: 'null' }, 403, 'FORBIDDEN'],
    ['our address with another port as Origin', { origin: 'http://127.0.0.1:1' }, 403, 'FORBIDDEN'],
    ['localhost as Origin', { origin: 'http://localhost' }, 403, 'FORBIDDEN'],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 403, 'FORBIDDEN'],
  ])('%s → %i', async (_why, changes: Record<string, string | null>, status, code) => {
    const before = storedEvents();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-desk-session': SESSION };
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    const response = await loopbackRequest(host.port, { method: 'POST', path: '/rpc/staff.register', headers, body: JSON.stringify(FIRST_MANAGER) });
    expect(response.status).toBe(status);
    expect(json(response)).toMatchObject({ ok: false, error: { code } });
    expect(refusals.at(-1)).toMatch(new RegExp(`refused POST /rpc/staff.register: ${status}`));
    await expectNoChange(before);
  });

  it.each([
    ['another host name (DNS rebinding)', 'evil.example'],
    ['another host name with our port', `evil.example:PORT`],
    ['localhost', 'localhost:PORT'],
    ['our address without the port', '127.0.0.1'],
    ['our address with another port', '127.0.0.1:1'],
    ['a look-alike', '127.0.0.1.evil.example:PORT'],
    ['IPv6 loopback', '[::1]:PORT'],
  ])('a foreign Host header (%s) → 403', async (_why, hostHeader) => {
    const before = storedEvents();
    const response = await rpc('staff.register', FIRST_MANAGER, { host: hostHeader.replace('PORT', String(host.port)) });
    expect(response.status).toBe(403);
    expect(json(response)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(refusals.at(-1)).toMatch(/foreign Host/);
    await expectNoChange(before);
  });

  it('an unknown method → 404', async () => {
    const before = storedEvents();
    for (const method of ['staff.delete', 'constructor', '__proto__', 'desk.status.extra']) {
      const response = await rpc(method, {});
      expect(response.status).toBe(404);
      expect(json(response)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    await expectNoChange(before);
  });

  it('malformed JSON → 400', async () => {
    const before = storedEvents();
    for (const body of ['{"name": "김지현", "role": "manager", "pin": "1234"', "{'name': 'x'}", 'not json', '', '{"__proto__": {"admin": true}}']) {
      const response = await loopbackRequest(host.port, {
        method: 'POST',
        path: '/rpc/staff.register',
        headers: { 'content-type': 'application/json', 'x-desk-session': SESSION },
        body,
      });
      expect(response.status, body).toBe(400);
      expect(json(response)).toMatchObject({ ok: false, error: { code: 'MALFORMED_REQUEST' } });
    }
    await expectNoChange(before);
  });

  it('a body over 1 MB → 413, even when it is valid JSON', async () => {
    const before = storedEvents();
    const body = JSON.stringify({ ...FIRST_MANAGER, padding: 'x'.repeat(1024 * 1024) });
    const response = await loopbackRequest(host.port, {
      method: 'POST',
      path: '/rpc/staff.register',
      headers: { 'content-type': 'application/json', 'x-desk-session': SESSION },
      body,
    });
    expect(response.status).toBe(413);
    expect(json(response)).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } });
    await expectNoChange(before);
  });

  it('a body that is not JSON (a form post another page could send) → 415', async () => {
    const before = storedEvents();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await loopbackRequest(host.port, {
        method: 'POST',
        path: '/rpc/staff.register',
        headers: { 'content-type': contentType, 'x-desk-session': SESSION },
        body: 'name=x&role=manager&pin=1234',
      });
      expect(response.status, contentType).toBe(415);
    }
    await expectNoChange(before);
  });

  it('args the contract refuses → 200 with VALIDATION, and no change', async () => {
    const before = storedEvents();
    for (const args of [{ ...FIRST_MANAGER, pin: '12' }, { ...FIRST_MANAGER, role: 'owner' }, { ...FIRST_MANAGER, extra: 1 }, [], 'x']) {
      const response = await rpc('staff.register', args);
      expect(response.status).toBe(200);
      expect(json(response)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    await expectNoChange(before);
  });

  it('a cookie alone does not authorise an RPC without our Origin', async () => {
    const before = storedEvents();
    const cookie = `desk_session_${host.port}=${SESSION}`;
    const refused = await loopbackRequest(host.port, {
      method: 'POST',
      path: '/rpc/staff.register',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(FIRST_MANAGER),
    });
    expect(refused.status).toBe(401);
    await expectNoChange(before);
    const accepted = await loopbackRequest(host.port, {
      method: 'POST',
      path: '/rpc/desk.status',
      headers: { 'content-type': 'application/json', cookie, origin: host.origin, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(accepted.status).toBe(200);
    expect(json(accepted)).toMatchObject({ ok: true });
  });
});

describe('a whole command round trip', () => {
  it('registers the first manager, signs in, configures the clinic, registers a patient, finds them, signs out', async () => {
    const call = async (method: string, args: unknown): Promise<unknown> => {
      const response = await rpc(method, args);
      expect(response.status).toBe(200);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const answer = json(response) as { ok: boolean; result?: unknown; error?: unknown };
      expect(answer, `${method}: ${JSON.stringify(answer.error)}`).toMatchObject({ ok: true });
      return answer.result;
    };
    const { streamId: staffId } = (await call('staff.register', FIRST_MANAGER)) as { streamId: string };
    expect(await call('session.signIn', { staffId, pin: '1234' })).toMatchObject({ staffId, name: '김지현', role: 'manager' });
    // a change names the person the screen shows signed in
    await call('command.execute', { type: 'ConfigureClinic', payload: { name: '서울 미소 피부과', timeZone: 'Asia/Seoul' }, actingStaffId: staffId });
    const patient = (await call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' }, actingStaffId: staffId })) as {
      streamId: string;
      version: number;
    };
    expect(patient.version).toBe(1);
    expect(await call('patients.search', { q: '6789' })).toMatchObject({ items: [{ patientId: patient.streamId, name: '김민수' }] });
    expect(await call('desk.status', {})).toMatchObject({ clinic: { name: '서울 미소 피부과' }, session: { staffId } });
    await call('session.signOut', {});
    const signedOut = json(await rpc('patients.search', { q: '김' }));
    expect(signedOut).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('change notices over SSE', () => {
  it('reach a client with the secret (header, ?session= or cookie)', async () => {
    const streams = await Promise.all([
      openEventStream(host.port, '/rpc/events', { 'x-desk-session': SESSION }),
      openEventStream(host.port, `/rpc/events?session=${SESSION}`),
      openEventStream(host.port, '/rpc/events', { cookie: `desk_session_${host.port}=${SESSION}` }),
    ]);
    try {
      for (const stream of streams) {
        expect(stream.status).toBe(200);
        expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
        await stream.waitFor(/: subscribed/);
      }
      expect((json(await rpc('staff.register', FIRST_MANAGER)) as { ok: boolean }).ok).toBe(true);
      for (const stream of streams) {
        const text = await stream.waitFor(/data: \{"kind":"events"/);
        const notice = JSON.parse(/data: (\{.*\})/.exec(text)?.[1] ?? 'null') as { kind: string; streamIds?: string[] };
        expect(notice.kind).toBe('events');
        expect(notice.streamIds).toHaveLength(1);
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it.each([
    ['no secret', '/rpc/events', {}, 401],
    ['a wrong secret in the address', '/rpc/events?session=wrong-session-secret-000000', {}, 401],
    ['a wrong secret in the cookie', '/rpc/events', { cookie: 'desk_session_1=x' }, 401],
    ['a foreign Origin', `/rpc/events?session=${SESSION}`, { origin: 'https://evil.example' }, 403],
  ])('are refused with %s', async (_why, address, headers, status) => {
    const response = await loopbackRequest(host.port, { path: address, headers });
    expect(response.status).toBe(status);
    expect(json(response)).toMatchObject({ ok: false });
  });
});

describe('the page', () => {
  it('is served with ?session=, which sets an HttpOnly SameSite=Strict cookie; then the cookie alone suffices', async () => {
    const first = await loopbackRequest(host.port, { path: `/?session=${SESSION}` });
    expect(first.status).toBe(200);
    expect(first.body).toContain('<title>desk page</title>');
    expect(first.headers['set-cookie']).toEqual([`desk_session_${host.port}=${SESSION}; HttpOnly; SameSite=Strict; Path=/`]);
    const again = await loopbackRequest(host.port, { path: '/', headers: { cookie: `other=1; desk_session_${host.port}=${SESSION}` } });
    expect(again.status).toBe(200);
    const asset = await loopbackRequest(host.port, { path: '/assets/app.js', headers: { cookie: `desk_session_${host.port}=${SESSION}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('carries the security headers', async () => {
    const page = await loopbackRequest(host.port, { path: `/?session=${SESSION}` });
    expect(page.headers).toMatchObject({
      'content-security-policy': WEB_CSP,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    });
    expect(WEB_CSP).toMatch(/script-src 'self'/);
    expect(WEB_CSP).not.toMatch(/unsafe/);
  });

  it.each([
    ['no secret', '/', {}, 401],
    ['a wrong secret', '/?session=wrong-session-secret-00000000', {}, 401],
    ['a wrong cookie', '/', { cookie: `desk_session_1=${SESSION}` }, 401],
    ['an asset without a secret', '/assets/app.js', {}, 401],
    ['a foreign Host', `/?session=${SESSION}`, { host: 'evil.example' }, 403],
    ['a path outside the build', `/../package.json?session=${SESSION}`, {}, 404],
    ['an encoded path outside the build', `/%2e%2e/%2e%2e/package.json?session=${SESSION}`, {}, 404],
  ])('is refused with %s', async (_why, address, headers, status) => {
    const response = await loopbackRequest(host.port, { path: address, headers });
    expect(response.status).toBe(status);
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
