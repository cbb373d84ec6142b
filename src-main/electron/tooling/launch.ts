/**
 * What `npm start` needs to know before it starts Electron, as small functions: is there a
 * display, where is Electron's binary (node_modules/electron only records it once its install
 * script has downloaded it, which `npm install` skips here: allowScripts.electron = false), and,
 * when the window cannot open, how to serve the same desk in a browser instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Why no window can be shown, or null. */
export const displayProblem = (platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string | null =>
  platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY
    ? 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
    : null;

/** Electron's executable as node_modules/electron/index.js finds it, or null when it is not there. */
export const electronBinary = (electronDir: string, env: Readonly<Record<string, string | undefined>>): string | null => {
  let relative: string | undefined;
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
  } catch {
    relative = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, relative ?? 'electron')
    : relative === undefined
      ? null
      : path.join(electronDir, 'dist', relative);
  return binary !== null && fs.existsSync(binary) ? binary : null;
};

const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

/**
 * The `npm run desk:web` line that runs the same desk as `npm start <argv>`: the same data
 * folder (.data/desk when none was given), --demo and --hq. A --token is never repeated on screen.
 */
export const browserHostCommand = (argv: readonly string[]): string => {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { data: { type: 'string' }, demo: { type: 'boolean' }, hq: { type: 'string' }, 'token-file': { type: 'string' } },
  });
  const words = ['--data', typeof values.data === 'string' ? values.data : '.data/desk', '--port', '0'];
  if (values.demo === true) words.push('--demo');
  if (typeof values.hq === 'string') words.push('--hq', values.hq);
  if (typeof values['token-file'] === 'string') words.push('--token-file', values['token-file']);
  return `npm run desk:web -- ${words.map(shellWord).join(' ')}`;
};

/**
 * Where the desk window keeps its data when no --data is given: Electron's `<userData>/desk` for
 * the app "clinic-desk" (app.getPath('userData'): XDG config on Linux, Application Support on
 * macOS, %APPDATA% on Windows). The browser fallback uses the same folder, so either way of
 * running shows the same clinic.
 */
export const defaultDeskData = (platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string => {
  const join = (...parts: string[]): string => (platform === 'win32' ? path.win32.join(...parts) : path.posix.join(...parts));
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || join(home, '.config');
  return join(base, 'clinic-desk', 'desk');
};

/**
 * `npm start`'s options as the browser host's (src-main/web/main.ts): the same data folder (the
 * window's default when none was given), --demo, --hq and its token. A --token travels in the
 * environment (DESK_HQ_TOKEN), never on a command line another user could list.
 */
export const browserHostLaunch = (
  argv: readonly string[],
  dataDir: string,
): { readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>; readonly dataDir: string } => {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { data: { type: 'string' }, demo: { type: 'boolean' }, hq: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' } },
  });
  const data = typeof values.data === 'string' && values.data !== '' ? path.resolve(values.data) : dataDir;
  const args = ['--data', data, '--port', '0'];
  if (values.demo === true) args.push('--demo');
  if (typeof values.hq === 'string') args.push('--hq', values.hq);
  if (typeof values['token-file'] === 'string') args.push('--token-file', values['token-file']);
  const env: Record<string, string> = typeof values.token === 'string' ? { DESK_HQ_TOKEN: values.token } : {};
  return { args, env, dataDir: data };
};

/** The one line `npm start` says before it serves the desk in a browser instead of a window. */
export const fallbackNotice = (reason: string): string =>
  `clinic-desk: the desk window (Electron) cannot start here: ${reason}. Serving the same desk in your browser instead (Ctrl-C stops it).`;
