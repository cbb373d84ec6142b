/**
 * `--hq <url>` with its device token from `--token <t>`, `--token-file <f>` or DESK_HQ_TOKEN: the
 * same rules for every host's command line (the desk app and the browser host).
 */
import fs from 'node:fs';
import { HqToken, HqUrl } from '../../shared/contract/desk-rpc.js';

export interface HqConnection {
  readonly url: string;
  readonly token: string;
}

export type HqConnectionResult = { readonly ok: true; readonly hq: HqConnection | null } | { readonly ok: false; readonly message: string };

export const resolveHqConnection = (
  args: { readonly hq?: string | undefined; readonly token?: string | undefined; readonly tokenFile?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): HqConnectionResult => {
  const given = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);
  const url = given(args.hq);
  let token = given(args.token);
  const tokenFile = given(args.tokenFile);
  if (url === undefined && (token !== undefined || tokenFile !== undefined)) {
    return { ok: false, message: 'a token was given without --hq <url>' };
  }
  if (token === undefined && tokenFile !== undefined) {
    try {
      token = given(fs.readFileSync(tokenFile, 'utf8'));
    } catch (error) {
      return { ok: false, message: `cannot read --token-file ${tokenFile}: ${(error as Error).message}` };
    }
  }
  if (url === undefined) return { ok: true, hq: null };
  token ??= given(env.DESK_HQ_TOKEN);
  if (token === undefined) return { ok: false, message: '--hq needs a token: --token <t>, --token-file <f> or DESK_HQ_TOKEN' };
  if (!HqUrl.safeParse(url).success) {
    return { ok: false, message: `--hq ${url} is not an https address (plain http only to this machine)` };
  }
  if (!HqToken.safeParse(token).success) return { ok: false, message: 'the HQ token is not a device token (16-200 token characters)' };
  return { ok: true, hq: { url, token } };
};
