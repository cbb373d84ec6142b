/**
 * The desk app's main process on the electron stand-in, with the REAL DeskCore on a real data
 * folder: start-up, the window, IPC through the real handler, change notices, the quit sequence,
 * a second instance, a data folder held by another desk process, and the HQ token from the
 * command line with and without an OS key store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as electron from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskCore, DeskCoreOptions } from '../../src-main/core/desk-core-api.js';
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { DESK_CHANGE_CHANNEL, DESK_INVOKE_CHANNEL } from '../../src-main/electron/channels.js';
import { DESK_WINDOW_CSP } from '../../src-main/electron/content-security.js';
import { startDeskApp } from '../../src-main/electron/desk-app.js';
import { StandInFrame, standIn, type BrowserWindow } from '../support/electron-stand-in.js';

let root: string;
let userData: string;
let dataDir: string;
const opened: DeskCore[] = [];

const trackedOpen = vi.fn(async (options: DeskCoreOptions) => {
  const core = await openDeskCore(options);
  opened.push(core);
  return core;
});

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-app-'));
  userData = path.join(root, 'user-data');
  dataDir = path.join(root, 'clinic');
  const appPath = path.join(root, 'app');
  fs.mkdirSync(path.join(appPath, 'out', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
  standIn.reset({ userData, appPath });
  trackedOpen.mockClear();
});

afterEach(async () => {
  for (const core of opened.splice(0)) await core.close({ syncTimeoutMs: 0 });
  fs.rmSync(root, { recursive: true, force: true });
});

const start = (argv: string[] = ['--data', dataDir], extra: Partial<Parameters<typeof startDeskApp>[0]> = {}) =>
  startDeskApp({
    electron,
    openDeskCore: trackedOpen,
    argv: ['/usr/lib/clinic-desk/clinic-desk', ...argv],
    env: {},
    resourcesPath: path.join(root, 'resources'),
    syncTimeoutMs: 50,
    echoLog: false,
    ...extra,
  });

const theWindow = (): BrowserWindow => {
  const [window] = standIn.state.windows;
  if (!window) throw new Error('no window');
  return window;
};

const invoke = (method: string, args: unknown, frame?: StandInFrame | null) => {
  const contents = theWindow().webContents;
  return standIn.invoke(DESK_INVOKE_CHANNEL, contents.ipcEvent(frame === undefined ? contents.mainFrame : frame), method, args);
};

/** Events in the desk's database, read from a separate read-only connection. */
const storedEvents = (): number => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const logText = (): string => fs.readFileSync(path.join(userData, 'logs', 'desk.log'), 'utf8');

describe('start-up', () => {
  it('opens DeskCore on the data folder and shows our page in a locked-down window', async () => {
    const app = start();
    await expect(app.started).resolves.toBe('running');
    expect(trackedOpen).toHaveBeenCalledTimes(1);
    expect(trackedOpen.mock.calls[0]?.[0]).toMatchObject({ dataDir, appVersion: '0.1.0', demo: false });

    const window = theWindow();
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: path.join(root, 'app', 'out', 'preload', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      },
    });
    expect(standIn.state.sandboxEnabled).toBe(true);
    expect(window.webContents.getURL()).toBe('app://desk/index.html');
    expect(window.visible).toBe(true);
    expect(standIn.state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

    const page = await standIn.state.protocolHandlers.get('app')?.(new Request('app://desk/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toBe(DESK_WINDOW_CSP);
  });

  it('defaults the data folder to <userData>/desk, with the log in <userData>/logs', async () => {
    await expect(start([]).started).resolves.toBe('running');
    expect(trackedOpen.mock.calls[0]?.[0].dataDir).toBe(path.join(userData, 'desk'));
    expect(fs.existsSync(path.join(userData, 'desk', 'desk.db'))).toBe(true);
    expect(logText()).toMatch(/desk ready/);
  });

  it('grants no permission and puts the CSP on every response of the session', async () => {
    await start().started;
    const granted: boolean[] = [];
    standIn.state.permissionRequestHandler?.({}, 'media', (allowed: boolean) => granted.push(allowed));
    standIn.state.permissionRequestHandler?.({}, 'notifications', (allowed: boolean) => granted.push(allowed));
    expect(granted).toEqual([false, false]);
    expect(standIn.state.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
    let headers: unknown;
    standIn.state.headersReceived?.({ responseHeaders: { 'X-Other': ['1'] } }, (response) => (headers = response));
    expect(headers).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [DESK_WINDOW_CSP] } });
  });

  it('refuses a bad command line with a message, and never opens the desk', async () => {
    const app = start(['--hq', 'https://hq.example']);
    await expect(app.started).resolves.toBe('failed');
    await expect(app.exited).resolves.toBe(1);
    expect(standIn.state.errorBoxes[0]?.content).toMatch(/needs a token/);
    expect(trackedOpen).not.toHaveBeenCalled();
  });
});

describe('IPC through the real handler and DeskCore', () => {
  it('answers our page', async () => {
    await start().started;
    const status = await invoke('desk.status', {});
    expect(status).toMatchObject({ ok: true, result: { staffCount: 0, firstManagerOpen: true, session: null } });
  });

  it('refuses IPC from a foreign frame before DeskCore: nothing changes, the refusal is logged', async () => {
    await start().started;
    const contents = theWindow().webContents;
    const before = storedEvents();
    const foreign = new StandInFrame('https://evil.example/', contents.mainFrame);
    const answer = await invoke('staff.register', { name: '침입자', role: 'manager', pin: '1234' }, foreign);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(storedEvents()).toBe(before);
    expect(await invoke('desk.status', {})).toMatchObject({ ok: true, result: { staffCount: 0 } });
    expect(logText()).toMatch(/WARN ipc refused: sender "https:\/\/evil.example\/" is not the desk page/);
  });

  it('refuses bad args: nothing changes, the refusal is logged', async () => {
    await start().started;
    const before = storedEvents();
    for (const args of [{ name: '김지현', role: 'manager', pin: 'abcd' }, { name: '김지현', role: 'owner', pin: '1234' }, { name: '', role: 'manager', pin: '1234' }, null]) {
      expect(await invoke('staff.register', args)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await invoke('staff.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(storedEvents()).toBe(before);
    expect(logText()).toMatch(/ipc refused: staff.register with invalid args/);
  });

  it('runs a command and pushes the change notice to the window', async () => {
    await start().started;
    const registered = await invoke('staff.register', { name: '김지현', role: 'manager', pin: '1234' });
    expect(registered).toMatchObject({ ok: true, result: { streamId: expect.any(String) } });
    expect(storedEvents()).toBeGreaterThan(0);
    expect(theWindow().webContents.sent).toContainEqual([DESK_CHANGE_CHANNEL, expect.objectContaining({ kind: 'events' })]);
  });
});

describe('quitting', () => {
  it('closes DeskCore (the database and its folder lock) and then exits', async () => {
    const app = start();
    await app.started;
    await invoke('staff.register', { name: '김지현', role: 'manager', pin: '1234' });
    electron.app.quit();
    await expect(app.exited).resolves.toBe(0);
    expect(standIn.state.handlers.has(DESK_INVOKE_CHANNEL)).toBe(false);
    // Closed for real: the folder opens again (its lock was released) with the data intact,
    // and the WAL was checkpointed into desk.db.
    expect(fs.existsSync(path.join(dataDir, 'desk.db-wal')) ? fs.statSync(path.join(dataDir, 'desk.db-wal')).size : 0).toBe(0);
    const again = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: { load: () => null, save: () => {}, keptIn: () => null } });
    opened.push(again);
    expect(await again.invoke('desk.status', {})).toMatchObject({ ok: true, result: { staffCount: 1 } });
    expect(logText()).toMatch(/desk closed/);
  });

  it('quits when the window is closed', async () => {
    const app = start();
    await app.started;
    theWindow().close();
    await expect(app.exited).resolves.toBe(0);
    const again = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: { load: () => null, save: () => {}, keptIn: () => null } });
    opened.push(again);
  });

  it('exits even when closing hangs, after the bound', async () => {
    const hanging = vi.fn(async (options: DeskCoreOptions) => {
      const core = await trackedOpen(options);
      // The real DeskCore, with a close that never settles: the app must not wait for ever.
      return { ...core, close: () => new Promise<void>(() => {}) };
    });
    const app = start(['--data', dataDir], { openDeskCore: hanging, closeGraceMs: 50 });
    await app.started;
    electron.app.quit();
    await expect(app.exited).resolves.toBe(0);
    expect(logText()).toMatch(/did not close in time/);
  });
});

describe('one desk per computer and per data folder', () => {
  it('refuses a second instance: it hands over to the first and quits without opening the desk', async () => {
    standIn.reset({ userData, appPath: path.join(root, 'app'), singleInstanceLock: false });
    const app = start();
    await expect(app.started).resolves.toBe('second-instance');
    await expect(app.exited).resolves.toBe(0);
    expect(trackedOpen).not.toHaveBeenCalled();
    expect(standIn.state.windows).toEqual([]);
  });

  it('brings the first instance to the front when a second one starts', async () => {
    await start().started;
    theWindow().minimized = true;
    electron.app.emit('second-instance', {}, ['clinic-desk'], '/');
    expect(theWindow().minimized).toBe(false);
    expect(theWindow().focused).toBe(true);
  });

  it('refuses a data folder another desk process holds, and says so', async () => {
    const other = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: { load: () => null, save: () => {}, keptIn: () => null } });
    opened.push(other);
    const app = start();
    await expect(app.started).resolves.toBe('failed');
    await expect(app.exited).resolves.toBe(1);
    expect(standIn.state.errorBoxes[0]?.content).toMatch(/in use by another clinic-desk process/);
    expect(standIn.state.windows).toEqual([]);
  });
});

describe('the HQ token from the command line', () => {
  const TOKEN = 'cmdline-hq-token-0123456789abcdef';
  const HQ = 'https://hq.example';

  /** Every file under `dir` whose bytes hold the token: as text, base64 or hex. */
  const filesHolding = (dir: string, token: string): string[] => {
    const forms = [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('hex')].map((form) => Buffer.from(form));
    return fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => {
        const bytes = fs.readFileSync(file);
        return forms.some((form) => bytes.includes(form));
      });
  };

  const secretsGiven = (): DeskCoreOptions['secrets'] => {
    const options = trackedOpen.mock.calls[0]?.[0];
    if (!options) throw new Error('DeskCore was not opened');
    return options.secrets;
  };

  let given: string;
  beforeEach(() => {
    // Outside `root`: the token file holds the token by design.
    given = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-app-token-'));
  });
  afterEach(() => fs.rmSync(given, { recursive: true, force: true }));

  const ways: [string, () => { argv: string[]; env: Record<string, string> }][] = [
    ['--token', () => ({ argv: ['--token', TOKEN], env: {} })],
    [
      '--token-file',
      () => {
        const file = path.join(given, 'hq.token');
        fs.writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 });
        return { argv: ['--token-file', file], env: {} };
      },
    ],
    ['DESK_HQ_TOKEN', () => ({ argv: [], env: { DESK_HQ_TOKEN: TOKEN } })],
  ];

  it.each(ways)('without an OS key store (%s): the desk starts, keeps the token for the session in memory only, and warns', async (_way, way) => {
    standIn.state.encryptionAvailable = false;
    const { argv, env } = way();
    const app = start(['--data', dataDir, '--hq', HQ, ...argv], { env });
    await expect(app.started).resolves.toBe('running');
    expect(standIn.state.errorBoxes).toEqual([]);

    // The token works for this session: the SecretStore DeskCore was given returns it.
    expect(secretsGiven().load('hq-token')).toBe(TOKEN);
    expect(await invoke('desk.status', {})).toMatchObject({ ok: true });

    // Nothing holds it on disk: no secret file, not the data folder, not the log.
    expect(fs.existsSync(path.join(userData, 'secrets', 'hq-token.bin'))).toBe(false);
    expect(filesHolding(root, TOKEN)).toEqual([]);
    expect(logText()).toMatch(/WARN secret hq-token: no OS key store is available .*kept in memory for this session only/);
    expect(logText()).not.toContain(TOKEN);
  });

  it('without an OS key store, sync.configure also keeps its token in memory for the session, never on disk', async () => {
    standIn.state.encryptionAvailable = false;
    await expect(start().started).resolves.toBe('running');
    const registered = (await invoke('staff.register', { name: '김지현', role: 'manager', pin: '1234' })) as { result: { streamId: string } };
    expect(await invoke('session.signIn', { staffId: registered.result.streamId, pin: '1234' })).toMatchObject({ ok: true });

    const configure = { hqUrl: HQ, token: TOKEN, actingStaffId: registered.result.streamId };
    expect(await invoke('sync.configure', configure)).toEqual({ ok: true, result: { hqUrl: HQ } });
    expect(secretsGiven().load('hq-token')).toBe(TOKEN);
    expect(filesHolding(root, TOKEN)).toEqual([]);
    expect(logText()).toMatch(/WARN secret hq-token: no OS key store is available/);
  });

  it('with an OS key store: the token is written only encrypted, and a later start without --hq finds it', async () => {
    const app = start(['--data', dataDir, '--hq', HQ, '--token', TOKEN]);
    await expect(app.started).resolves.toBe('running');
    expect(secretsGiven().load('hq-token')).toBe(TOKEN);

    const file = path.join(userData, 'secrets', 'hq-token.bin');
    expect(electron.safeStorage.decryptString(fs.readFileSync(file))).toBe(TOKEN);
    expect(filesHolding(root, TOKEN)).toEqual([]);
    expect(logText()).not.toMatch(/secret hq-token/);

    electron.app.quit();
    await expect(app.exited).resolves.toBe(0);

    // A new process (a fresh SecretStore, nothing in memory) reads it back from the encrypted file.
    standIn.reset({ userData, appPath: path.join(root, 'app') });
    trackedOpen.mockClear();
    await expect(start().started).resolves.toBe('running');
    expect(secretsGiven().load('hq-token')).toBe(TOKEN);
  });
});
