/**
 * The guard of Electron's better-sqlite3 build: plain Node must refuse to load it with Electron's
 * NODE_MODULE_VERSION. The Node build that `npm install` made (what the tests use) must be
 * caught if it is ever passed off as Electron's — the silent failure of install-app-deps here.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectronBuild, electronTarget, nativeStagingDir } from '../../src-main/electron/tooling/electron-native.js';
import { REPO_ROOT } from '../support/child-process.js';

const target = electronTarget(REPO_ROOT);
const nodeBuild = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

describe("Electron's better-sqlite3", () => {
  it("targets the installed Electron's version and ABI, which differs from this Node's", () => {
    expect(target.electronVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(target.abi).toMatch(/^\d+$/);
    expect(target.abi).not.toBe(process.versions.modules);
  });

  it('is built beside the Node build, never over it', () => {
    const staging = nativeStagingDir(REPO_ROOT, target);
    expect(staging.startsWith(path.join(REPO_ROOT, 'node_modules', '.cache', 'clinic-desk', 'electron-native'))).toBe(true);
    expect(staging).toContain(`electron-${target.electronVersion}-${target.platform}-${target.arch}`);
    expect(path.relative(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'), staging).startsWith('..')).toBe(true);
  });

  it("catches the Node build passed off as Electron's", async () => {
    await expect(checkElectronBuild(nodeBuild, target)).resolves.toMatch(/built for Node's ABI, not Electron's/);
  });

  it('catches a build that is not there', async () => {
    await expect(checkElectronBuild(path.join(REPO_ROOT, 'no-such.node'), target)).resolves.toMatch(/was not made/);
  });
});
