/**
 * The desk app's main process, with Electron and DeskCore passed in (main.ts gives the real ones;
 * tests give the electron stand-in). In order:
 *   single-instance lock (a second instance focuses the first and quits) → app:// scheme →
 *   ready → session hardening → DeskCore on the data folder (its exclusive lock refuses a second
 *   process) → the one IPC handler → the window → change notices pushed to it.
 * On quit: the IPC handler goes, then DeskCore.close({ syncTimeoutMs }) — a last sync attempt,
 * then a clean close of the database — bounded in time, then exit. No TCP listener anywhere.
 */
import path from 'node:path';
import type * as Electron from 'electron';
import type { ChangeNotice } from '../../shared/contract/desk-rpc.js';
import type { DeskCore, DeskCoreOptions } from '../core/desk-core-api.js';
import { createAppProtocolHandler } from './app-protocol.js';
import { DESK_CHANGE_CHANNEL, DESK_INVOKE_CHANNEL } from './channels.js';
import { createIpcHandler } from './ipc.js';
import { createFileLog, type Log } from './log.js';
import { parseDeskAppArgs } from './options.js';
import { createSafeStorageSecretStore } from './safe-storage-secrets.js';
import { hardenSession } from './session-hardening.js';
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './trusted-url.js';
import { deskWindowOptions, hardenWebContents } from './window.js';

export type ElectronMain = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'protocol' | 'safeStorage' | 'session' | 'shell'
>;

export interface DeskAppDeps {
  readonly electron: ElectronMain;
  readonly openDeskCore: (options: DeskCoreOptions) => Promise<DeskCore>;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** process.resourcesPath in Electron: where the packaged app keeps its unpacked native module. */
  readonly resourcesPath: string;
  /** How long the last sync attempt on quit may take. */
  readonly syncTimeoutMs?: number;
  /** Beyond that, how long closing the database may take before the app exits anyway. */
  readonly closeGraceMs?: number;
  /** Also write the log to stderr (default true). */
  readonly echoLog?: boolean;
}

export type DeskAppStart = 'running' | 'second-instance' | 'failed';

export interface DeskApp {
  /** Settles when the window shows the desk, or the start was refused. */
  readonly started: Promise<DeskAppStart>;
  /** Settles when the app has exited or is about to (after DeskCore closed). */
  readonly exited: Promise<number>;
}

export const DEFAULT_SYNC_TIMEOUT_MS = 5_000;
const DEFAULT_CLOSE_GRACE_MS = 5_000;

/** better_sqlite3.node built for Electron: inside the package, or from `npm start` in development. */
export const electronNativeBinding = (
  isPackaged: boolean,
  resourcesPath: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined =>
  isPackaged
    ? path.join(resourcesPath, 'app.asar.unpacked', 'native', 'better_sqlite3.node')
    : // Only an unpackaged (development) app takes it from the environment.
      env.DESK_ELECTRON_NATIVE_BINDING || undefined;

const explainOpenFailure = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return `${message}\n\nbetter-sqlite3 is built for Node here, not for Electron. Start the app with \`npm start\`, which builds Electron's own copy.`;
  }
  return message;
};

const withinMs = async <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

export const registerAppScheme = (protocol: ElectronMain['protocol']): void =>
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

export const startDeskApp = (deps: DeskAppDeps): DeskApp => {
  const { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } = deps.electron;
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const exitWith = (code: number): void => {
    exit(code);
    app.exit(code);
  };

  if (!app.requestSingleInstanceLock()) {
    process.stderr.write('clinic-desk is already running on this computer: its window was brought to the front.\n');
    exitWith(0);
    return { started: Promise.resolve('second-instance'), exited };
  }
  // Every renderer sandboxed, whatever a window's preferences say (before ready only).
  app.enableSandbox();
  registerAppScheme(protocol);

  const userData = app.getPath('userData');
  app.setAppLogsPath(path.join(userData, 'logs'));
  const log: Log = createFileLog(path.join(app.getPath('logs'), 'desk.log'), { echo: deps.echoLog ?? true });
  const syncTimeoutMs = deps.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  const closeGraceMs = deps.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
  const ourWebContents = new Set<number>();
  let window: Electron.BrowserWindow | null = null;
  let core: DeskCore | null = null;
  let opening: Promise<DeskCore | null> = Promise.resolve(null);
  let stopNotices = (): void => {};
  let shutdown: Promise<void> | null = null;
  let exitCode = 0;

  const fail = (title: string, message: string): DeskAppStart => {
    log.error(`${title}: ${message}`);
    dialog.showErrorBox(title, message);
    exitCode = 1;
    app.quit();
    return 'failed';
  };

  const pushNotice = (notice: ChangeNotice): void => {
    if (window === null || window.isDestroyed()) return;
    const contents = window.webContents;
    if (isAppUrl(contents.getURL())) contents.send(DESK_CHANGE_CHANNEL, notice);
  };

  const shutDown = async (): Promise<void> => {
    ipcMain.removeHandler(DESK_INVOKE_CHANNEL);
    stopNotices();
    const open = core ?? (await opening);
    if (open === null) return;
    log.info(`closing the desk (last sync attempt up to ${syncTimeoutMs} ms)`);
    try {
      const closed = await withinMs(open.close({ syncTimeoutMs }), syncTimeoutMs + closeGraceMs);
      if (closed === 'timeout') log.error('the desk did not close in time; exiting anyway (the database is durable)');
      else log.info('desk closed');
    } catch (error) {
      log.error(`closing the desk failed: ${String(error)}`);
    }
  };

  app.on('before-quit', (event) => {
    if (shutdown === null) shutdown = shutDown().finally(() => exitWith(exitCode));
    // The app leaves through exitWith, once DeskCore has closed.
    event.preventDefault();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => {
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    // Whatever else appears (dev tools) may not attach a <webview> or open windows either.
    contents.on('will-attach-webview', (attach) => attach.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const start = async (): Promise<DeskAppStart> => {
    const parsed = parseDeskAppArgs(deps.argv.slice(1), deps.env);
    if (!parsed.ok) return fail('clinic-desk: invalid command line', parsed.message);
    await app.whenReady();
    if (shutdown !== null) return 'failed';

    hardenSession(session.defaultSession, log);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(app.getAppPath(), 'out', 'renderer')));

    const dataDir = parsed.options.dataDir ?? path.join(userData, 'desk');
    const nativeBinding = electronNativeBinding(app.isPackaged, deps.resourcesPath, deps.env);
    log.info(`opening the desk in ${dataDir}`);
    opening = deps
      .openDeskCore({
        dataDir,
        appVersion: app.getVersion(),
        secrets: createSafeStorageSecretStore(safeStorage, path.join(userData, 'secrets'), log),
        ...(nativeBinding === undefined ? {} : { nativeBinding }),
        // built by vite.config.ts's deferred-build environment
        deferredBuildEntry: path.join(app.getAppPath(), 'out', 'deferred-build', 'deferred-build.cjs'),
        demo: parsed.options.demo,
        ...(parsed.options.hq === null ? {} : { hq: parsed.options.hq }),
      })
      .catch((error: unknown) => {
        fail('clinic-desk cannot open its data', explainOpenFailure(error));
        return null;
      });
    core = await opening;
    if (core === null) return 'failed';
    if (shutdown !== null) return 'failed';

    const handle = createIpcHandler({ core, ourWebContents: (id) => ourWebContents.has(id), log });
    ipcMain.handle(DESK_INVOKE_CHANNEL, handle);
    stopNotices = core.onChange(pushNotice);

    const preload = path.join(app.getAppPath(), 'out', 'preload', 'preload.cjs');
    const created = new BrowserWindow(deskWindowOptions(preload, !app.isPackaged));
    window = created;
    const contentsId = created.webContents.id;
    ourWebContents.add(contentsId);
    hardenWebContents(created.webContents, { openExternal: (url) => shell.openExternal(url), log });
    created.once('ready-to-show', () => created.show());
    created.on('closed', () => {
      ourWebContents.delete(contentsId);
      if (window === created) window = null;
    });
    await created.loadURL(APP_ENTRY_URL);
    log.info(`desk ready (${core.installationId})`);
    return 'running';
  };

  const started = start().catch((error: unknown) => fail('clinic-desk failed to start', explainOpenFailure(error)));
  return { started, exited };
};
