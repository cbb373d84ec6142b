import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHqConnection } from './hq-connection-args.js';

const TOKEN = 'cdhq_0123456789abcdef';

describe('--hq with its token', () => {
  it('allows plain http to this machine only', () => {
    expect(resolveHqConnection({ hq: 'http://127.0.0.1:8787', token: TOKEN }, {})).toEqual({ ok: true, hq: { url: 'http://127.0.0.1:8787', token: TOKEN } });
    expect(resolveHqConnection({ hq: 'http://localhost:8787/', token: TOKEN }, {}).ok).toBe(true);
    expect(resolveHqConnection({ hq: 'http://127.0.0.1.evil.example', token: TOKEN }, {}).ok).toBe(false);
  });

  it('is optional', () => {
    expect(resolveHqConnection({}, {})).toEqual({ ok: true, hq: null });
    expect(resolveHqConnection({}, { DESK_HQ_TOKEN: TOKEN })).toEqual({ ok: true, hq: null });
  });

  it('takes the token from --token, then --token-file, then DESK_HQ_TOKEN', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'token-')), 'token');
    fs.writeFileSync(file, `  file-${TOKEN}\n`);
    const url = 'https://hq.example';
    expect(resolveHqConnection({ hq: url, token: TOKEN, tokenFile: file }, { DESK_HQ_TOKEN: 'env' })).toEqual({ ok: true, hq: { url, token: TOKEN } });
    expect(resolveHqConnection({ hq: url, tokenFile: file }, { DESK_HQ_TOKEN: 'env' })).toEqual({ ok: true, hq: { url, token: `file-${TOKEN}` } });
    expect(resolveHqConnection({ hq: url }, { DESK_HQ_TOKEN: ` env-${TOKEN} ` })).toEqual({ ok: true, hq: { url, token: `env-${TOKEN}` } });
  });

  it.each([
    [{ hq: 'https://hq.example' }, {}, /needs a token/],
    [{ hq: 'https://hq.example', tokenFile: '/nonexistent/token' }, {}, /cannot read --token-file/],
    [{ token: TOKEN }, {}, /without --hq/],
    [{ hq: 'ftp://hq.example', token: TOKEN }, {}, /not an https address/],
    [{ hq: 'javascript:alert(1)', token: TOKEN }, {}, /not an https address/],
    [{ hq: 'http://hq.example', token: TOKEN }, {}, /plain http only to this machine/],
    [{ hq: 'https://hq.example', token: 'short' }, {}, /not a device token/],
    [{ hq: 'https://hq.example', token: 'has spaces in it, sixteen+' }, {}, /not a device token/],
  ])('refuses %j', (args, env, message) => {
    const result = resolveHqConnection(args, env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
