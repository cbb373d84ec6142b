/**
 * The desk app's command line (README, "Commands"; the browser host's options where they apply):
 * `--data <dir>`, `--demo`, `--hq <url>` with `--token <t>`, `--token-file <f>` or DESK_HQ_TOKEN.
 * Chromium's own switches may be mixed in, so unknown arguments are left alone.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveHqConnection } from '../core/hq-connection-args.js';

export interface DeskAppOptions {
  /** Absent: `<userData>/desk`. */
  readonly dataDir: string | null;
  readonly demo: boolean;
  readonly hq: { readonly url: string; readonly token: string } | null;
}

export type Parsed<T> = { readonly ok: true; readonly options: T } | { readonly ok: false; readonly message: string };

export const parseDeskAppArgs = (argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed<DeskAppOptions> => {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      demo: { type: 'boolean' },
      hq: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
    },
  });
  const text = (name: 'data' | 'hq' | 'token' | 'token-file'): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const connection = resolveHqConnection({ hq: text('hq'), token: text('token'), tokenFile: text('token-file') }, env);
  if (!connection.ok) return { ok: false, message: connection.message };
  const data = text('data');
  return {
    ok: true,
    options: {
      dataDir: data === undefined ? null : path.resolve(data),
      demo: values.demo === true,
      hq: connection.hq,
    },
  };
};
