/**
 * `npm run desk:web` as a process: the ready line, 127.0.0.1 only, a random or given session
 * secret, a second host on the same data folder refused, the token kept in a 0600 file, and
 * SIGTERM / SIGINT closing DeskCore cleanly.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { startDeskWeb, runDeskWebToEnd, type DeskWebProcess } from '../support/desk-web-process.js';
import { loopbackRequest } from '../support/loopback-http.js';

const SESSION = 'cli-session-secret-0123456789';
let root: string;
let dataDir: string;
let rendererDir: string;
const running: DeskWebProcess[] = [];

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-web-cli-'));
  dataDir = path.join(root, 'clinic');
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
});

afterEach(async () => {
  for (const host of running.splice(0)) await host.stop('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

const start = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<DeskWebProcess> => {
  const host = await startDeskWeb(['--data', dataDir, '--port', '0', '--renderer', rendererDir, ...args], env);
  running.push(host);
  return host;
};

const status = async (host: DeskWebProcess): Promise<unknown> => {
  const response = await loopbackRequest(host.port, {
    method: 'POST',
    path: '/rpc/desk.status',
    headers: { 'content-type': 'application/json', 'x-desk-session': host.session },
    body: '{}',
  });
  return JSON.parse(response.body);
};

/** A non-loopback IPv4 address of this machine, if it has one. */
const outsideAddress = (): string | undefined =>
  Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;

const connects = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('npm run desk:web', () => {
  it('prints "Desk ready at http://127.0.0.1:<port>/?session=<s>" with the real port, and serves the desk there', async () => {
    const host = await start(['--session', SESSION]);
    expect(host.session).toBe(SESSION);
    expect(host.port).toBeGreaterThan(0);
    expect(host.pageUrl).toBe(`http://127.0.0.1:${host.port}/?session=${SESSION}`);
    expect(await status(host)).toMatchObject({ ok: true, result: { staffCount: 0 } });
    const page = await loopbackRequest(host.port, { path: `/?session=${SESSION}` });
    expect(page.status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const host = await start([]);
    expect(await connects('127.0.0.1', host.port)).toBe(true);
    const outside = outsideAddress();
    if (outside !== undefined) expect(await connects(outside, host.port)).toBe(false);
    expect(await connects('::1', host.port)).toBe(false);
  });

  it('makes a new random session secret for every launch', async () => {
    const first = await start([]);
    await first.stop();
    const second = await start([]);
    expect(first.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.session).not.toBe(first.session);
  });

  it('refuses a second host on the same data folder, and the first keeps working', async () => {
    const first = await start([]);
    const second = await runDeskWebToEnd(['--data', dataDir, '--port', '0', '--renderer', rendererDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by another clinic-desk process/);
    expect(second.stdout).not.toMatch(/Desk ready/);
    expect(await status(first)).toMatchObject({ ok: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('closes DeskCore cleanly on %s', async (signal) => {
    const host = await start([]);
    const register = await loopbackRequest(host.port, {
      method: 'POST',
      path: '/rpc/staff.register',
      headers: { 'content-type': 'application/json', 'x-desk-session': host.session },
      body: JSON.stringify({ name: '김지현', role: 'manager', pin: '1234' }),
    });
    expect(JSON.parse(register.body)).toMatchObject({ ok: true });
    expect(await host.stop(signal)).toBe(0);
    expect(host.stderr()).toMatch(/desk closed/);
    // The lock is released and the data is all there.
    const again = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: { load: () => null, save: () => {}, keptIn: () => null } });
    try {
      expect(await again.invoke('desk.status', {})).toMatchObject({ ok: true, result: { staffCount: 1 } });
    } finally {
      await again.close({ syncTimeoutMs: 0 });
    }
  });

  it('keeps the HQ token from DESK_HQ_TOKEN in a 0600 file, never in the database', async () => {
    const token = 'hq-device-token-from-the-environment';
    const host = await start(['--hq', 'http://127.0.0.1:9'], { DESK_HQ_TOKEN: token });
    await host.stop();
    const file = path.join(dataDir, 'secrets', 'hq-token.secret');
    expect(fs.readFileSync(file, 'utf8')).toBe(token);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readFileSync(path.join(dataDir, 'desk.db')).includes(Buffer.from(token))).toBe(false);
  });

  it('seeds a demo clinic with --demo', async () => {
    const host = await start(['--demo']);
    expect(await status(host)).toMatchObject({ ok: true, result: { clinic: { name: expect.any(String) }, staffCount: expect.any(Number) } });
    const staff = await loopbackRequest(host.port, {
      method: 'POST',
      path: '/rpc/staff.list',
      headers: { 'content-type': 'application/json', 'x-desk-session': host.session },
      body: '{}',
    });
    expect((JSON.parse(staff.body) as { result: { items: unknown[] } }).result.items.length).toBeGreaterThan(1);
  });

  it('refuses a bad command line with exit code 2 and the usage (the cases: options.unit.spec.ts)', async () => {
    const result = await runDeskWebToEnd(['--data', dataDir, '--listen', '0.0.0.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--listen'/);
    expect(result.stderr).toMatch(/usage: npm run desk:web/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
