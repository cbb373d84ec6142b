import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserHostCommand, browserHostLaunch, defaultDeskData, displayProblem, electronBinary, fallbackNotice } from './launch.js';
import { cleanBuildEnv } from './electron-native.js';

describe('displayProblem', () => {
  it.each([
    ['linux', {}, true],
    ['linux', { DISPLAY: '' }, true],
    ['linux', { DISPLAY: ':0' }, false],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, false],
    ['win32', {}, false],
    ['darwin', {}, false],
  ] as const)('%s with %j: no display = %s', (platform, env, refused) => {
    expect(displayProblem(platform, env) !== null).toBe(refused);
  });
});

describe("electronBinary: where node_modules/electron keeps Electron's executable", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-pkg-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is absent until install.js has downloaded it (npm install never does here)', () => {
    expect(electronBinary(dir, {})).toBeNull();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir, {})).toBeNull();
  });

  it('is dist/<path.txt> once downloaded', () => {
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir, {})).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js', () => {
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(path.join(elsewhere, 'electron'));
    expect(electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'missing') })).toBeNull();
  });
});

describe('the browser fallback of npm start', () => {
  it('says why in one line, and that the same desk is served in the browser', () => {
    const notice = fallbackNotice('there is no graphical display');
    expect(notice).toMatch(/cannot start here: there is no graphical display\. Serving the same desk in your browser instead/);
    expect(notice.includes('\n')).toBe(false);
  });

  it.each([
    ['linux', {}, '/home/ana', '/home/ana/.config/clinic-desk/desk'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana', '/cfg/clinic-desk/desk'],
    ['darwin', {}, '/Users/ana', '/Users/ana/Library/Application Support/clinic-desk/desk'],
    ['win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana', 'C:\\Users\\ana\\AppData\\Roaming\\clinic-desk\\desk'],
  ] as const)('uses the window’s own data folder on %s (%j)', (platform, env, home, folder) => {
    expect(defaultDeskData(platform, env, home)).toBe(folder);
  });

  it.each([
    [[], ['--data', '/d', '--port', '0'], {}],
    [['--demo'], ['--data', '/d', '--port', '0', '--demo'], {}],
    [['--data', '/clinic data', '--demo'], ['--data', '/clinic data', '--port', '0', '--demo'], {}],
    [['--hq', 'https://hq.example', '--token', 'SECRET-TOKEN'], ['--data', '/d', '--port', '0', '--hq', 'https://hq.example'], { DESK_HQ_TOKEN: 'SECRET-TOKEN' }],
    [['--hq', 'https://hq.example', '--token-file', '/etc/desk/token'], ['--data', '/d', '--port', '0', '--hq', 'https://hq.example', '--token-file', '/etc/desk/token'], {}],
  ])('for npm start %j serves %j (a token only in the environment)', (argv, args, env) => {
    const launch = browserHostLaunch(argv, '/d');
    expect(launch.args).toEqual(args);
    expect(launch.env).toEqual(env);
    expect(browserHostCommand(launch.args)).not.toMatch(/SECRET-TOKEN/);
  });

  it.each([
    [[], 'npm run desk:web -- --data .data/desk --port 0'],
    [['--demo'], 'npm run desk:web -- --data .data/desk --port 0 --demo'],
    [['--data', 'C:/clinic data', '--demo'], "npm run desk:web -- --data 'C:/clinic data' --port 0 --demo"],
    [['--data', "it's"], "npm run desk:web -- --data 'it'\\''s' --port 0"],
    [['--hq', 'https://hq.example', '--token', 'SECRET-TOKEN'], 'npm run desk:web -- --data .data/desk --port 0 --hq https://hq.example'],
    [['--hq', 'https://hq.example', '--token-file', '/etc/desk/token'], 'npm run desk:web -- --data .data/desk --port 0 --hq https://hq.example --token-file /etc/desk/token'],
  ])('names the same desk for npm start %j as %s (never repeating a token)', (argv, command) => {
    expect(browserHostCommand(argv)).toBe(command);
  });
});

describe("the environment of Electron's native build", () => {
  it("drops npm's nodedir and target settings, which would build for Node instead", () => {
    const env = cleanBuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_build_from_source: 'true',
      npm_config_cache: '/root/.npm',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/root/.npm' });
  });
});
