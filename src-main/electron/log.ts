/** The main process's log: one line per entry, in `<userData>/logs/desk.log` and on stderr. */
import fs from 'node:fs';
import path from 'node:path';

export interface Log {
  readonly info: (message: string) => void;
  readonly warn: (message: string) => void;
  readonly error: (message: string) => void;
}

const MAX_BYTES = 5 * 1024 * 1024;

export const createFileLog = (file: string, options: { readonly echo?: boolean; readonly now?: () => Date } = {}): Log => {
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // One previous file is kept; the log never grows without bound.
    if (fs.statSync(file).size > MAX_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
  const write = (level: string, message: string): void => {
    const line = `${now().toISOString()} ${level} ${message}\n`;
    try {
      fs.appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // a full disk must not stop the desk
    }
    if (options.echo !== false) process.stderr.write(line);
  };
  return {
    info: (message) => write('INFO', message),
    warn: (message) => write('WARN', message),
    error: (message) => write('ERROR', message),
  };
};
