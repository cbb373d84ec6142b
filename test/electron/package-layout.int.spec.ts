/**
 * What `npm run dist` puts in the installer, checked without downloading Electron: the app is
 * built into a scratch project and packaged by electron-builder (the `dir` target, with
 * electron-builder.yml) around a stand-in Electron distribution. Fuses are left out here only
 * because flipping them needs the real Electron binary (electron-builder-config.unit.spec.ts
 * checks them). Then the asar is read: the built app is in it, better-sqlite3's Node build is
 * not, and the native module is unpacked exactly where the packaged main process loads it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createBuilder } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../src-main/electron/desk-app.js';
import { REPO_ROOT } from '../support/child-process.js';

const requireFromBuilder = createRequire(path.join(REPO_ROOT, 'node_modules', 'electron-builder', 'package.json'));
const asar = requireFromBuilder('@electron/asar') as { listPackage: (file: string, options?: object) => string[]; extractFile: (file: string, inner: string) => Buffer };
const NATIVE_MARK = 'stand-in for better-sqlite3 built for Electron';

let project: string;
let resources: string;
let entries: string[];

const run = (command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });

beforeAll(async () => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-package-'));
  const out = path.join(project, 'out');
  const builder = await createBuilder({
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    environments: {
      client: { build: { outDir: path.join(out, 'renderer') } },
      main: { build: { outDir: path.join(out, 'main') } },
      preload: { build: { outDir: path.join(out, 'preload') } },
    },
  });
  await builder.buildApp();
  fs.mkdirSync(path.join(out, 'native'));
  fs.writeFileSync(path.join(out, 'native', 'better_sqlite3.node'), NATIVE_MARK);
  for (const file of ['package.json', 'electron-builder.yml']) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(project, file));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');

  const electronDist = path.join(project, 'electron-dist');
  fs.mkdirSync(electronDist);
  fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(electronDist, 'version'), '41.7.1');
  fs.writeFileSync(
    path.join(project, 'package-test.yml'),
    `extends: ./electron-builder.yml\nelectronDist: ${electronDist}\nelectronFuses: null\ndirectories:\n  output: ${path.join(project, 'release')}\n`,
  );
  const cli = requireFromBuilder.resolve('electron-builder/cli.js');
  const result = await run(process.execPath, [cli, '--config', 'package-test.yml', '--linux', 'dir', '--x64'], project);
  if (result.code !== 0) throw new Error(`electron-builder failed:\n${result.output}`);
  resources = path.join(project, 'release', 'linux-unpacked', 'resources');
  entries = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false });
}, 180_000);

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

describe('the packaged app', () => {
  it('holds the built main, preload and renderer and its package.json, without source maps', () => {
    for (const file of ['/package.json', '/out/main/main.cjs', '/out/preload/preload.cjs', '/out/renderer/index.html']) expect(entries).toContain(file);
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    const manifest = JSON.parse(asar.extractFile(path.join(resources, 'app.asar'), 'package.json').toString()) as { main: string };
    expect(manifest.main).toBe('out/main/main.cjs');
  });

  it("carries better-sqlite3's JavaScript but not its Node build or sources", () => {
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
    const leftovers = entries.filter((entry) => /^\/node_modules\/better-sqlite3\/(build|deps|src)(\/|$)/.test(entry) || entry.endsWith('binding.gyp'));
    expect(leftovers).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('/node_modules/') && entry.endsWith('.node'))).toEqual([]);
  });

  it("unpacks Electron's better_sqlite3.node from the asar, exactly where the packaged main process loads it", () => {
    const loaded = electronNativeBinding(true, resources, {});
    expect(loaded).toBe(path.join(resources, 'app.asar.unpacked', 'native', 'better_sqlite3.node'));
    expect(fs.readFileSync(loaded ?? '', 'utf8')).toBe(NATIVE_MARK);
  });
});
