/**
 * `npm start [-- --data <dir> --demo --hq <url> --token-file <f>]`: the desk app in Electron.
 *
 * Where it can: a display → Electron's binary (fetched once with node_modules/electron/install.js,
 * since `npm install` never downloads it) → better-sqlite3 built for Electron beside the Node build
 * (src-main/electron/tooling/electron-native.ts) → `vite build` → `electron .` with the options.
 * Where it cannot, it says why and how to run the same desk with `npm run desk:web`, and exits 1.
 * DESK_ELECTRON_DOWNLOAD=never skips the download attempt.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { browserHostAdvice, displayProblem, electronBinary } from './electron/tooling/launch.js';
import { electronTarget, ensureElectronNativeBinding } from './electron/tooling/electron-native.js';

const REPO = path.resolve(import.meta.dirname, '..');
const ELECTRON_DIR = path.join(REPO, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const cannotStart = (reason: string): number => {
  say('');
  say(browserHostAdvice(reason, process.argv.slice(2)));
  return 1;
};

const runToEnd = (command: string, args: readonly string[], timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, stdio: 'inherit' });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });

const main = async (): Promise<number> => {
  const display = displayProblem(process.platform, process.env);
  if (display !== null) return cannotStart(display);

  let binary = electronBinary(ELECTRON_DIR, process.env);
  if (binary === null) {
    if (process.env.DESK_ELECTRON_DOWNLOAD === 'never') {
      return cannotStart("Electron's binary is not installed (npm install skips its download) and DESK_ELECTRON_DOWNLOAD=never");
    }
    say("Electron's binary is not installed yet (npm install skips its download). Fetching it once:");
    say('  node node_modules/electron/install.js');
    await runToEnd(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], DOWNLOAD_TIMEOUT_MS);
    binary = electronBinary(ELECTRON_DIR, process.env);
    if (binary === null) return cannotStart("Electron's binary could not be downloaded (is github.com reachable?)");
  }

  let nativeBinding: string;
  try {
    nativeBinding = await ensureElectronNativeBinding(REPO, electronTarget(REPO), say);
  } catch (error) {
    return cannotStart((error as Error).message);
  }

  say('Building the app (vite build)…');
  try {
    const { createBuilder } = await import('vite');
    const builder = await createBuilder({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn' });
    await builder.buildApp();
  } catch (error) {
    say(`clinic-desk: the build failed: ${(error as Error).message}`);
    return 1;
  }

  const env: NodeJS.ProcessEnv = { ...process.env, DESK_ELECTRON_NATIVE_BINDING: nativeBinding };
  // Set, it would make Electron a plain Node: never pass it through.
  delete env.ELECTRON_RUN_AS_NODE;
  const electron = binary;
  return new Promise<number>((resolve) => {
    const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: REPO, stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('error', (error) => resolve(cannotStart(`Electron did not start (${error.message})`)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(0);
        return;
      }
      const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
      const hint = asRoot ? ' (running as root: Chromium will not run its sandbox as root, and the desk never turns it off; start it as a normal user)' : '';
      resolve(cannotStart(`Electron exited with ${signal ?? `code ${String(code)}`}${hint}`));
    });
  });
};

process.exitCode = await main();
