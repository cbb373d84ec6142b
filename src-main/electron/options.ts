/**
 * The desk app's command line (DESIGN §9, "npm start … with the same options where they apply"):
 * `--data <dir>`, `--demo`, `--hq <url>` with `--token <t>`, `--token-file <f>` or DESK_HQ_TOKEN.
 * Chromium's own switches may be mixed in, so unknown arguments are left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

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
  let token = text('token');
  const tokenFile = text('token-file');
  if (token === undefined && tokenFile !== undefined) {
    try {
      token = fs.readFileSync(tokenFile, 'utf8').trim();
    } catch (error) {
      return { ok: false, message: `cannot read --token-file ${tokenFile}: ${(error as Error).message}` };
    }
  }
  token ??= env.DESK_HQ_TOKEN?.trim() || undefined;
  const hqUrl = text('hq');
  if (hqUrl !== undefined && token === undefined) {
    return { ok: false, message: '--hq needs a token: --token <t>, --token-file <f> or DESK_HQ_TOKEN' };
  }
  if (hqUrl !== undefined && !/^https?:\/\//.test(hqUrl)) return { ok: false, message: `--hq ${hqUrl} is not an http(s) address` };
  const data = text('data');
  return {
    ok: true,
    options: {
      dataDir: data === undefined ? null : path.resolve(data),
      demo: values.demo === true,
      hq: hqUrl !== undefined && token !== undefined ? { url: hqUrl, token } : null,
    },
  };
};
