/**
 * `npm start [-- --data <dir> --demo --hq <url> --token-file <f>]`: the desk app in Electron.
 *
 * Where it can: a display → Electron's binary (fetched once with node_modules/electron/install.js,
 * since `npm install` never downloads it) → better-sqlite3 built for Electron beside the Node build
 * (src-main/electron/tooling/electron-native.ts) → `vite build` → `electron .` with the options.
 * Where it cannot (no display, no binary, no compiler, or Electron exits with a failure before
 * the desk has run for a while), it says why in one line and serves the same desk on the same data
 * folder with the browser host (src-main/web/main.ts), which prints the address to open; Ctrl-C
 * stops it. DESK_ELECTRON_DOWNLOAD=never skips the download attempt.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { browserHostCommand, browserHostLaunch, defaultDeskData, displayProblem, electronBinary, fallbackNotice } from './electron/tooling/launch.js';
import { electronTarget, ensureElectronNativeBinding } from './electron/tooling/electron-native.js';

const REPO = path.resolve(import.meta.dirname, '..');
const ELECTRON_DIR = path.join(REPO, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** Electron failing sooner than this after its start could not open the desk: serve it in the browser. */
const EARLY_EXIT_MS = 20_000;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const buildRenderer = async (): Promise<void> => {
  const { createBuilder } = await import('vite');
  const builder = await createBuilder({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn' });
  const client = builder.environments.client;
  if (!client) throw new Error('vite.config.ts has no client environment');
  await builder.build(client);
};

/**
 * The same desk in the browser: the browser host on the data folder the window would have used.
 * It runs in its own process group, so a Ctrl-C reaches it once, through this process.
 */
const serveInBrowser = async (reason: string): Promise<number> => {
  say(fallbackNotice(reason));
  const argv = process.argv.slice(2);
  const launch = browserHostLaunch(argv, defaultDeskData(process.platform, process.env, os.homedir()));
  say(`Data folder: ${launch.dataDir}  (the same as: ${browserHostCommand(launch.args)})`);
  try {
    await buildRenderer();
  } catch (error) {
    say(`clinic-desk: the build failed: ${(error as Error).message}`);
    return 1;
  }
  return new Promise<number>((resolve) => {
    const host = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src-main', 'web', 'main.ts'), ...launch.args], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...launch.env },
      detached: true,
    });
    let forwarded = false;
    const forward = (signal: NodeJS.Signals) => {
      if (forwarded) return;
      forwarded = true;
      host.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    host.on('error', (error) => {
      say(`clinic-desk: the browser host did not start (${error.message})`);
      resolve(1);
    });
    host.on('close', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
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
  if (display !== null) return serveInBrowser(display);

  let binary = electronBinary(ELECTRON_DIR, process.env);
  if (binary === null) {
    if (process.env.DESK_ELECTRON_DOWNLOAD === 'never') {
      return serveInBrowser("Electron's binary is not installed (npm install skips its download) and DESK_ELECTRON_DOWNLOAD=never");
    }
    say("Electron's binary is not installed yet (npm install skips its download). Fetching it once:");
    say('  node node_modules/electron/install.js');
    await runToEnd(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], DOWNLOAD_TIMEOUT_MS);
    binary = electronBinary(ELECTRON_DIR, process.env);
    if (binary === null) return serveInBrowser("Electron's binary could not be downloaded (is github.com reachable?)");
  }

  let nativeBinding: string;
  try {
    nativeBinding = await ensureElectronNativeBinding(REPO, electronTarget(REPO), say);
  } catch (error) {
    return serveInBrowser((error as Error).message);
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
  const startedAt = Date.now();
  return new Promise<number>((resolve) => {
    const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: REPO, stdio: 'inherit', env });
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        stopping = true;
        child.kill(signal);
      });
    }
    child.on('error', (error) => resolve(serveInBrowser(`Electron did not start (${error.message})`)));
    child.on('close', (code, signal) => {
      if (code === 0 || stopping || Date.now() - startedAt > EARLY_EXIT_MS) {
        resolve(code ?? 1);
        return;
      }
      const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
      const hint = asRoot ? ' (running as root: Chromium will not run its sandbox as root, and the desk never turns it off; start it as a normal user)' : '';
      resolve(serveInBrowser(`Electron exited with ${signal ?? `code ${String(code)}`}${hint}`));
    });
  });
};

process.exitCode = await main();
