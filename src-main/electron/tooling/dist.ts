/**
 * `npm run dist [-- <electron-builder options>]`: installers, on a machine that can download
 * Electron. Steps: vite build → better-sqlite3 for Electron's ABI (built beside the Node build,
 * electron-native.ts) copied to out/native/ → electron-builder with electron-builder.yml, which
 * takes that file into the package, unpacked from the asar, and never rebuilds in place
 * (npmRebuild: false). The installer is for this computer's OS unless --win, --mac or --linux
 * says otherwise; the native module then comes from better-sqlite3's prebuilt binaries.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronTarget, ensureElectronNativeBinding } from './electron-native.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const targetOf = (args: readonly string[]): { platform: NodeJS.Platform; arch: string } => {
  const platform: NodeJS.Platform = args.some((arg) => ['--win', '-w', '--windows'].includes(arg))
    ? 'win32'
    : args.some((arg) => ['--mac', '-m', '--macos'].includes(arg))
      ? 'darwin'
      : args.some((arg) => ['--linux', '-l'].includes(arg))
        ? 'linux'
        : process.platform;
  const arch = args.includes('--arm64') ? 'arm64' : args.includes('--x64') ? 'x64' : process.arch;
  return { platform, arch };
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const { platform, arch } = targetOf(args);

  say('1/3 vite build');
  const { createBuilder } = await import('vite');
  await (await createBuilder({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn' })).buildApp();

  say(`2/3 better-sqlite3 for Electron (${platform}-${arch})`);
  const native = await ensureElectronNativeBinding(REPO, electronTarget(REPO, platform, arch), say);
  const nativeDir = path.join(REPO, 'out', 'native');
  fs.rmSync(nativeDir, { recursive: true, force: true });
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(native, path.join(nativeDir, 'better_sqlite3.node'));

  say('3/3 electron-builder');
  const cli = createRequire(path.join(REPO, 'package.json')).resolve('electron-builder/cli.js');
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [cli, '--config', 'electron-builder.yml', ...args], { cwd: REPO, stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
};

try {
  process.exitCode = await main();
} catch (error) {
  say(`dist: ${(error as Error).message}`);
  process.exitCode = 1;
}
