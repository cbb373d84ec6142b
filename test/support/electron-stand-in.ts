/**
 * A stand-in for the `electron` module, for main-process tests in plain Node (the real package
 * only works inside Electron). vite.config.ts aliases `electron` to this file for the unit and
 * int projects. It models what the desk uses — app lifecycle, BrowserWindow and its WebContents,
 * ipcMain, protocol, session, shell, dialog, safeStorage, contextBridge, ipcRenderer — and
 * records what the code did, so tests can assert on it and drive events (navigation, IPC, quit).
 * `standIn.reset()` gives every test a fresh app.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

export class StandInEvent {
  defaultPrevented = false;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class StandInFrame {
  constructor(
    public url: string,
    public readonly parent: StandInFrame | null = null,
  ) {}
  get top(): StandInFrame {
    return this.parent ? this.parent.top : this;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new StandInFrame('');
  readonly sent: unknown[][] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    await Promise.resolve();
    this.emit('did-finish-load');
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Drives a renderer-initiated navigation the way Electron does; returns the event(s). */
  navigate(url: string, isMainFrame = true): StandInEvent {
    const frameEvent = new StandInEvent({ url, isMainFrame });
    this.emit('will-frame-navigate', frameEvent);
    if (frameEvent.defaultPrevented || !isMainFrame) return frameEvent;
    const event = new StandInEvent({ url, isMainFrame });
    this.emit('will-navigate', event, url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return event;
  }
  /** window.open / target=_blank from the page. */
  open(url: string): { action: 'allow' | 'deny' } {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' };
  }
  /** The event ipcMain handlers receive for a message from `frame` of this WebContents. */
  ipcEvent(frame: StandInFrame | null = this.mainFrame): { sender: StandInWebContents; senderFrame: StandInFrame | null } {
    return { sender: this, senderFrame: frame };
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents();
  visible = false;
  destroyed = false;
  minimized = false;
  focused = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    state.windows.push(this);
    app.emit('web-contents-created', new StandInEvent(), this.webContents);
  }
  static getAllWindows(): BrowserWindow[] {
    return state.windows.filter((window) => !window.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class StandInApp extends EventEmitter {
  isPackaged = false;
  private logsPath: string | null = null;

  enableSandbox(): void {
    state.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    state.lockRequests += 1;
    return state.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name === 'userData') return state.userData;
    if (name === 'logs') return this.logsPath ?? path.join(state.userData, 'logs');
    return path.join(state.userData, name);
  }
  setAppLogsPath(logsPath?: string): void {
    this.logsPath = logsPath ?? null;
  }
  getAppPath(): string {
    return state.appPath;
  }
  getVersion(): string {
    return state.version;
  }
  /** Like Electron: before-quit may be prevented; otherwise the app quits (exit code 0). */
  quit(): void {
    const event = new StandInEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.exit(0);
  }
  exit(code = 0): void {
    if (state.exitCode !== null) return;
    state.exitCode = code;
    state.onExit(code);
  }
  /** Test helper: a second instance was started with these arguments. */
  startSecondInstance(argv: string[]): void {
    this.emit('second-instance', new StandInEvent(), argv, process.cwd(), {});
  }
}

const freshState = () => ({
  singleInstanceLock: true,
  lockRequests: 0,
  sandboxEnabled: false,
  userData: path.join(os.tmpdir(), 'clinic-desk-stand-in'),
  appPath: process.cwd(),
  version: '0.1.0',
  windows: [] as BrowserWindow[],
  exitCode: null as number | null,
  onExit: (_code: number): void => {},
  handlers: new Map<string, InvokeHandler>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  openedExternally: [] as string[],
  errorBoxes: [] as { title: string; content: string }[],
  permissionRequestHandler: null as null | ((...args: unknown[]) => void),
  permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
  headersReceived: null as null | ((details: unknown, callback: (response: unknown) => void) => void),
  encryptionAvailable: true,
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, ((...args: unknown[]) => void)[]>(),
  rendererInvocations: [] as unknown[][],
});

let state = freshState();

export const app = new StandInApp();

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler): void {
    if (state.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    state.handlers.delete(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    state.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    state.protocolHandlers.set(scheme, handler);
  },
};

const defaultSession = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    state.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    state.permissionCheckHandler = handler;
  },
  webRequest: {
    onHeadersReceived(listener: (details: unknown, callback: (response: unknown) => void) => void): void {
      state.headersReceived = listener;
    },
  },
});
export const session = { defaultSession };

export const shell = {
  openExternal(url: string): Promise<void> {
    state.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    state.errorBoxes.push({ title, content });
  },
};

/** Reversible but not plain text, so a test can tell that a file holds no readable token. */
const scramble = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
export const safeStorage = {
  isEncryptionAvailable: (): boolean => state.encryptionAvailable,
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
  encryptString: (plainText: string): Buffer => Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(plainText, 'utf8'))]),
  decryptString: (encrypted: Buffer): string => {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return scramble(encrypted.subarray(3)).toString('utf8');
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    state.exposed.set(key, api);
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    state.rendererInvocations.push([channel, ...args]);
    return Promise.resolve({ ok: true, result: { channel, args } });
  },
  on(channel: string, listener: (...args: unknown[]) => void): void {
    state.rendererListeners.set(channel, [...(state.rendererListeners.get(channel) ?? []), listener]);
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void): void {
    state.rendererListeners.set(channel, (state.rendererListeners.get(channel) ?? []).filter((each) => each !== listener));
  },
};

/** Test controls and records. */
export const standIn = {
  reset(options: { userData?: string; appPath?: string; singleInstanceLock?: boolean } = {}): void {
    app.removeAllListeners();
    defaultSession.removeAllListeners();
    state = freshState();
    if (options.userData !== undefined) state.userData = options.userData;
    if (options.appPath !== undefined) state.appPath = options.appPath;
    if (options.singleInstanceLock !== undefined) state.singleInstanceLock = options.singleInstanceLock;
  },
  get state() {
    return state;
  },
  /** Settles with the exit code once the app called app.exit (or quit unprevented). */
  exited(): Promise<number> {
    if (state.exitCode !== null) return Promise.resolve(state.exitCode);
    return new Promise((resolve) => {
      state.onExit = resolve;
    });
  },
  /** Calls the registered ipcMain handler as Electron would for an `ipcRenderer.invoke`. */
  invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = state.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(handler(event, ...args));
  },
  /** Delivers a message to the preload's ipcRenderer listeners. */
  sendToRenderer(channel: string, ...args: unknown[]): void {
    for (const listener of state.rendererListeners.get(channel) ?? []) listener(new StandInEvent(), ...args);
  },
};
