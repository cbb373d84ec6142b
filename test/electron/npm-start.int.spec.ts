/**
 * `npm start` where Electron cannot run: it says why in one line and serves the same desk in the
 * browser on the same data folder, printing the address; Ctrl-C (SIGINT) stops it cleanly.
 * (Here Electron's binary is never installed: `npm install` skips its download, and
 * DESK_ELECTRON_DOWNLOAD=never keeps the test from fetching it.)
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnTs } from '../support/child-process.js';

const withoutDisplay = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const copy = { ...process.env, ...env };
  delete copy.DISPLAY;
  delete copy.WAYLAND_DISPLAY;
  return copy;
};

interface Started {
  readonly child: ChildProcess;
  readonly pageUrl: string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

const READY = /^Desk ready at (http:\/\/127\.0\.0\.1:\d+\/\?session=[A-Za-z0-9_-]+)$/m;

/** `npm start` (src-main/start.ts) until it prints the browser host's address. */
const start = (args: string[], env: NodeJS.ProcessEnv): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawnTs('src-main/start.ts', args, env);
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = READY.exec(stdout);
      if (ready) resolve({ child, pageUrl: ready[1] ?? '', stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${String(code)} before serving:\n${stdout}\n${stderr}`)));
  });

let root: string;
let running: Started | null = null;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-npm-start-'));
});
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGINT');
    await running.exited;
  }
  running = null;
  fs.rmSync(root, { recursive: true, force: true });
});

describe('npm start where the desk window cannot open', () => {
  it.runIf(process.platform === 'linux')(
    'without a display: says why in one line, serves the desk in the browser on the data folder, and stops on Ctrl-C',
    async () => {
      const data = path.join(root, 'clinic');
      running = await start(['--data', data, '--demo'], withoutDisplay({ DESK_ELECTRON_DOWNLOAD: 'never' }));
      const notice = running.stderr().split('\n').filter((line) => /cannot start here/.test(line));
      expect(notice).toEqual([
        'clinic-desk: the desk window (Electron) cannot start here: there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set). Serving the same desk in your browser instead (Ctrl-C stops it).',
      ]);
      const page = await fetch(running.pageUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
      expect(fs.existsSync(path.join(data, 'desk.db'))).toBe(true);

      running.child.kill('SIGINT');
      expect(await running.exited).toBe(0);
      expect(running.stderr()).toMatch(/desk closed/);
      await expect(fetch(running.pageUrl)).rejects.toThrow();
    },
    180_000,
  );

  it(
    "without Electron's binary (and no download allowed): serves the desk on the window's own data folder",
    async () => {
      running = await start(['--demo'], {
        DISPLAY: ':99',
        ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist',
        DESK_ELECTRON_DOWNLOAD: 'never',
        HOME: root,
        XDG_CONFIG_HOME: path.join(root, 'config'),
        APPDATA: path.join(root, 'config'),
      });
      expect(running.stderr()).toMatch(/Electron's binary is not installed/);
      expect(running.stderr()).toMatch(/Serving the same desk in your browser instead/);
      const folder = process.platform === 'darwin' ? path.join(root, 'Library', 'Application Support', 'clinic-desk', 'desk') : path.join(root, 'config', 'clinic-desk', 'desk');
      expect(running.stderr()).toContain(`Data folder: ${folder}`);
      expect(fs.existsSync(path.join(folder, 'desk.db'))).toBe(true);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    },
    180_000,
  );
});
