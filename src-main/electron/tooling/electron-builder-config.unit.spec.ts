/**
 * electron-builder.yml checked by electron-builder's own loader and schema validation — what
 * `npm run dist` does first, before any download — plus the settings the desk relies on.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/support/child-process.js';

interface BuilderConfig {
  readonly [key: string]: unknown;
  readonly files: unknown[];
  readonly asarUnpack: string[];
  readonly electronFuses: Record<string, boolean>;
}

const require = createRequire(path.join(REPO_ROOT, 'node_modules', 'electron-builder', 'package.json'));
const appBuilder = path.dirname(require.resolve('app-builder-lib/package.json'));
const { getConfig, validateConfiguration } = require(path.join(appBuilder, 'out', 'util', 'config', 'config.js')) as {
  getConfig: (projectDir: string, configPath: string, options: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = () => getConfig(REPO_ROOT, path.join(REPO_ROOT, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt key fails the same validation', async () => {
    const config = await load();
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration object that does not match/);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no inspect, asar integrity, app only from the asar', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("ships Electron's better-sqlite3 unpacked from the asar, never Node's, and never rebuilds in place", async () => {
    const config = await load();
    expect(config).toMatchObject({ asar: true, npmRebuild: false, nodeGypRebuild: false, buildDependenciesFromSource: false });
    expect(config.files).toContainEqual({ from: 'out/native', to: 'native', filter: ['better_sqlite3.node'] });
    const patterns = config.files.flatMap((set) => (typeof set === 'string' ? [set] : ((set as { filter?: string[] }).filter ?? [])));
    expect(patterns).toContain('!node_modules/better-sqlite3/{build,deps,src,docs}/**');
    expect(patterns).toContain('out/main/**');
    expect(config.asarUnpack).toEqual(['**/native/better_sqlite3.node']);
  });

  it('makes a per-user NSIS installer, an AppImage and a deb, and a dmg', async () => {
    const config = await load();
    expect(config).toMatchObject({
      win: { target: [{ target: 'nsis' }] },
      nsis: { oneClick: true, perMachine: false },
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'] },
    });
  });
});
