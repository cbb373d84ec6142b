import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserHostAdvice, browserHostCommand, displayProblem, electronBinary } from './launch.js';
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

describe('browserHostAdvice', () => {
  it('says why, and how to run the same desk in a browser', () => {
    const advice = browserHostAdvice('there is no graphical display');
    expect(advice).toMatch(/cannot start here: there is no graphical display\./);
    expect(advice).toMatch(/npm run desk:web -- --data .data\/desk --port 0\n/);
    expect(advice).toMatch(/Add --demo/);
  });

  it.each([
    [[], 'npm run desk:web -- --data .data/desk --port 0'],
    [['--demo'], 'npm run desk:web -- --data .data/desk --port 0 --demo'],
    [['--data', 'C:/clinic data', '--demo'], "npm run desk:web -- --data 'C:/clinic data' --port 0 --demo"],
    [['--data', "it's"], "npm run desk:web -- --data 'it'\\''s' --port 0"],
    [['--hq', 'https://hq.example', '--token', 'SECRET-TOKEN'], 'npm run desk:web -- --data .data/desk --port 0 --hq https://hq.example'],
    [['--hq', 'https://hq.example', '--token-file', '/etc/desk/token'], 'npm run desk:web -- --data .data/desk --port 0 --hq https://hq.example --token-file /etc/desk/token'],
  ])('for npm start %j suggests %s (never repeating a token)', (argv, command) => {
    expect(browserHostCommand(argv)).toBe(command);
    expect(browserHostAdvice('x', argv)).not.toMatch(/SECRET-TOKEN/);
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
