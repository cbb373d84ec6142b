import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeskAppArgs } from './options.js';
import { electronNativeBinding } from './desk-app.js';

describe("the desk app's command line", () => {
  it('takes --data, --demo and --hq with a token, ignoring Chromium switches and the app path', () => {
    const parsed = parseDeskAppArgs(['.', '--no-sandbox', '--data', 'clinic', '--demo', '--hq', 'https://hq.example', '--token', 't'.repeat(20)], {});
    expect(parsed).toEqual({
      ok: true,
      options: { dataDir: path.resolve('clinic'), demo: true, hq: { url: 'https://hq.example', token: 't'.repeat(20) } },
    });
  });

  it('takes the token from --token-file or DESK_HQ_TOKEN', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-token-')), 'token');
    fs.writeFileSync(file, 'from-file-token-123\n');
    expect(parseDeskAppArgs(['--hq', 'https://hq.example', '--token-file', file], {})).toMatchObject({ ok: true, options: { hq: { token: 'from-file-token-123' } } });
    expect(parseDeskAppArgs(['--hq', 'http://127.0.0.1:8787'], { DESK_HQ_TOKEN: 'env-token-0123456789' })).toMatchObject({
      ok: true,
      options: { hq: { token: 'env-token-0123456789' } },
    });
  });

  it('defaults to the user-data folder and no HQ', () => {
    expect(parseDeskAppArgs([], {})).toEqual({ ok: true, options: { dataDir: null, demo: false, hq: null } });
  });

  it.each([
    [['--hq', 'https://hq.example'], /needs a token/],
    [['--hq', 'ftp://hq.example', '--token', 'x'.repeat(20)], /not an https address/],
    [['--hq', 'https://hq.example', '--token-file', '/nonexistent/token'], /cannot read/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseDeskAppArgs(argv, {});
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });
});

describe("where Electron's better-sqlite3 comes from", () => {
  it('is fixed inside a packaged app, whatever the environment says', () => {
    expect(electronNativeBinding(true, '/opt/clinic-desk/resources', { DESK_ELECTRON_NATIVE_BINDING: '/tmp/evil.node' })).toBe(
      path.join('/opt/clinic-desk/resources', 'app.asar.unpacked', 'native', 'better_sqlite3.node'),
    );
  });

  it('comes from npm start in development, and is absent otherwise', () => {
    expect(electronNativeBinding(false, '/r', { DESK_ELECTRON_NATIVE_BINDING: '/cache/better_sqlite3.node' })).toBe('/cache/better_sqlite3.node');
    expect(electronNativeBinding(false, '/r', {})).toBeUndefined();
  });
});
