import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from './app-protocol.js';
import { DESK_WINDOW_CSP } from './content-security.js';

let root: string;
let renderer: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-app-protocol-'));
  renderer = path.join(root, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.js'), 'stolen');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('resolveAppFile: app://desk/ serves the renderer folder and nothing else', () => {
  it.each([
    ['app://desk/', 'index.html'],
    ['app://desk/index.html', 'index.html'],
    ['app://desk/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://desk/index.html?session=x#top', 'index.html'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppFile(url, renderer)).toBe(path.join(renderer, file));
  });

  it.each([
    'app://desk/../secret.js',
    'app://desk/%2e%2e/secret.js',
    'app://desk/..%2fsecret.js',
    'app://desk/..%5csecret.js',
    'app://desk/%252e%252e/secret.js',
    'app://desk/assets/..%2f..%2fsecret.js',
    'app://desk//etc/passwd',
    'app://desk/index.html%00.js',
  ])('never leaves the renderer folder: %s', (url) => {
    const file = resolveAppFile(url, renderer);
    expect(file === null || file.startsWith(`${renderer}${path.sep}`)).toBe(true);
  });

  it.each([
    ['encoded slash', 'app://desk/..%2fsecret.js'],
    ['a NUL byte', 'app://desk/index.html%00.js'],
    ['a broken escape', 'app://desk/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a file type the renderer does not have', 'app://desk/index.exe'],
    ['a folder', 'app://desk/assets/'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppFile(url, renderer)).toBeNull();
  });
});

describe('the app:// handler', () => {
  it('serves a file with the desk CSP and nosniff', async () => {
    const handle = createAppProtocolHandler(renderer);
    const response = await handle(new Request('app://desk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(DESK_WINDOW_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>desk</title>');
  });

  it('answers 404 for what is not there, outside, or not a GET', async () => {
    const handle = createAppProtocolHandler(renderer);
    expect((await handle(new Request('app://desk/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://desk/%2e%2e/secret.js'))).status).toBe(404);
    expect((await handle(new Request('app://desk/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
