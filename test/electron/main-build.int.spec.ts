/**
 * The Electron main process as it ships: Vite builds out/main/main.cjs (CommonJS, only electron,
 * better-sqlite3 and Node's built-ins left as requires), and it is loaded here with the electron
 * stand-in in place of `electron` and Node's better-sqlite3: it opens the real desk, answers IPC,
 * and closes the database on quit. Catches what only the bundle can break.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as electronStandIn from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { standIn } from '../support/electron-stand-in.js';
import { buildEnvironment, repoScratchDir } from '../support/vite-environment.js';

let root: string;
let mainFile: string;

beforeAll(async () => {
  root = repoScratchDir('main-build');
  const outDir = path.join(root, 'out', 'main');
  await buildEnvironment('main', outDir);
  mainFile = path.join(outDir, 'main.cjs');
  fs.mkdirSync(path.join(root, 'out', 'renderer'));
  fs.writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the built main process (out/main/main.cjs)', () => {
  it('requires only electron, better-sqlite3 and Node built-ins', () => {
    const code = fs.readFileSync(mainFile, 'utf8');
    const requires = new Set([...code.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1]));
    expect([...requires].filter((name) => name !== 'electron' && name !== 'better-sqlite3' && !name?.startsWith('node:'))).toEqual([]);
    expect(requires).toContain('electron');
    expect(requires).toContain('better-sqlite3');
  });

  it('opens the desk, answers IPC from the window, and closes the database on quit', async () => {
    const dataDir = path.join(root, 'clinic');
    standIn.reset({ userData: path.join(root, 'user-data'), appPath: root });
    const load = createRequire(mainFile);
    // `require('electron')` inside the bundle gets the stand-in.
    const electronId = load.resolve('electron');
    load.cache[electronId] = { id: electronId, filename: electronId, loaded: true, exports: electronStandIn } as NodeJS.Module;
    const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const argv = process.argv;
    process.argv = [process.execPath, mainFile, '--data', dataDir];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      load(mainFile);
      await vi.waitFor(() => expect(standIn.state.windows[0]?.webContents.getURL()).toBe('app://desk/index.html'), { timeout: 10_000 });
      const contents = standIn.state.windows[0]?.webContents;
      if (!contents) throw new Error('no window');
      const status = await standIn.invoke('desk:invoke', contents.ipcEvent(), 'desk.status', {});
      expect(status).toMatchObject({ ok: true, result: { staffCount: 0, appVersion: '0.1.0' } });

      const exited = standIn.exited();
      electronStandIn.app.quit();
      await expect(exited).resolves.toBe(0);
      const again = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: { load: () => null, save: () => {}, keptIn: () => null } });
      await again.close();
    } finally {
      process.argv = argv;
      stderr.mockRestore();
      delete load.cache[electronId];
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
    }
  });
});
