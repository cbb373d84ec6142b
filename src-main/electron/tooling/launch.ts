/**
 * What `npm start` needs to know before it starts Electron, as small functions: is there a
 * display, where is Electron's binary (node_modules/electron only records it once its install
 * script has downloaded it, which `npm install` skips here: allowScripts.electron = false), and
 * what to tell a person when the window cannot open.
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

export const browserHostAdvice = (reason: string, argv: readonly string[] = []): string =>
  [
    `clinic-desk: the desk window (Electron) cannot start here: ${reason}.`,
    '',
    'Run the same desk in your browser instead:',
    `  ${browserHostCommand(argv)}`,
    'and open the address it prints ("Desk ready at http://127.0.0.1:<port>/?session=…").',
    ...(argv.includes('--demo') ? [] : ['Add --demo for a demo clinic (every PIN is 0000).']),
  ].join('\n');
