/**
 * `npm run desk:web -- --data <dir> --port <p> [--hq <url> --token <t>] [--token-file <f>] [--demo]
 * [--session <s>] [--renderer <dir>]` (README, "Commands"). The token may also come from DESK_HQ_TOKEN.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveHqConnection } from '../core/hq-connection-args.js';
import { SESSION_PATTERN } from './request-guards.js';

export interface WebHostOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly demo: boolean;
  /** Null: a random secret for this launch. */
  readonly session: string | null;
  readonly hq: { readonly url: string; readonly token: string } | null;
  readonly rendererDir: string;
}

export const USAGE = `usage: npm run desk:web -- --data <dir> [--port <p>] [--demo] [--session <s>]
                        [--hq <url> (--token <t> | --token-file <f> | DESK_HQ_TOKEN)] [--renderer <dir>]
  --data <dir>        the desk's data folder (created if missing; one process at a time)
  --port <p>          port on 127.0.0.1; 0 (the default) picks a free one
  --demo              seed a demo clinic into an empty data folder (every PIN is 0000)
  --session <s>       the session secret (16-128 of A-Z a-z 0-9 _ -); random by default
  --hq <url>          HQ to sync with, with its device token
  --renderer <dir>    the built renderer (default out/renderer; \`npm run build\` makes it)`;

export type Parsed =
  | { readonly kind: 'run'; readonly options: WebHostOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const parseWebHostArgs = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultRendererDir: string,
): Parsed => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean' },
        session: { type: 'string' },
        hq: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        renderer: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help === true) return { kind: 'help' };
  if (values.data === undefined || values.data === '') return { kind: 'error', message: '--data <dir> is required' };

  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65_535) {
    return { kind: 'error', message: `--port ${values.port ?? ''} is not a port number (0-65535)` };
  }
  if (values.session !== undefined && !SESSION_PATTERN.test(values.session)) {
    return { kind: 'error', message: '--session must be 16-128 characters of A-Z a-z 0-9 _ -' };
  }

  const connection = resolveHqConnection({ hq: values.hq, token: values.token, tokenFile: values['token-file'] }, env);
  if (!connection.ok) return { kind: 'error', message: connection.message };

  return {
    kind: 'run',
    options: {
      dataDir: path.resolve(values.data),
      port,
      demo: values.demo === true,
      session: values.session ?? null,
      hq: connection.hq,
      rendererDir: path.resolve(values.renderer ?? defaultRendererDir),
    },
  };
};
