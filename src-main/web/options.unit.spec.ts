import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebHostArgs } from './options.js';

const parse = (argv: string[], env: Record<string, string> = {}) => parseWebHostArgs(argv, env, '/repo/out/renderer');

describe('the desk:web command line', () => {
  it('takes every flag the README lists', () => {
    expect(parse(['--data', 'clinic', '--port', '5174', '--demo', '--session', 'a'.repeat(16), '--hq', 'https://hq.example', '--token', 'cdhq_device-token-01'])).toEqual({
      kind: 'run',
      options: {
        dataDir: path.resolve('clinic'),
        port: 5174,
        demo: true,
        session: 'a'.repeat(16),
        hq: { url: 'https://hq.example', token: 'cdhq_device-token-01' },
        rendererDir: '/repo/out/renderer',
      },
    });
  });

  it('defaults to a free port, a random session, no HQ and the built renderer', () => {
    expect(parse(['--data', 'd'])).toMatchObject({ kind: 'run', options: { port: 0, session: null, hq: null, demo: false, rendererDir: '/repo/out/renderer' } });
  });

  it('takes the token from --token, else --token-file, else DESK_HQ_TOKEN', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-token-')), 'token');
    fs.writeFileSync(file, 'file-token-0123456789\n');
    const env = { DESK_HQ_TOKEN: 'env-token-0123456789' };
    const hq = 'https://hq.example';
    expect(parse(['--data', 'd', '--hq', hq, '--token', 'flag-token-0123456789', '--token-file', file], env)).toMatchObject({ options: { hq: { token: 'flag-token-0123456789' } } });
    expect(parse(['--data', 'd', '--hq', hq, '--token-file', file], env)).toMatchObject({ options: { hq: { token: 'file-token-0123456789' } } });
    expect(parse(['--data', 'd', '--hq', hq], env)).toMatchObject({ options: { hq: { token: 'env-token-0123456789' } } });
  });

  it('answers --help', () => {
    expect(parse(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--data <dir> is required/],
    [['--data', ''], /--data <dir> is required/],
    [['--data', 'x', '--session', 'short'], /--session must be/],
    [['--data', 'x', '--session', 'has spaces and is long enough'], /--session must be/],
    [['--data', 'x', '--session', 'a'.repeat(129)], /--session must be/],
    [['--data', 'x', '--port', '70000'], /not a port number/],
    [['--data', 'x', '--port', 'abc'], /not a port number/],
    [['--data', 'x', '--port', '-1'], /not a port number|ambiguous|argument missing/],
    [['--data', 'x', '--port', '80.5'], /not a port number/],
    [['--data', 'x', '--hq', 'https://hq.example'], /needs a token/],
    [['--data', 'x', '--hq', 'file:///etc/passwd', '--token', 't'.repeat(20)], /not an https address/],
    [['--data', 'x', '--hq', 'http://hq.example', '--token', 't'.repeat(20)], /plain http only to this machine/],
    [['--data', 'x', '--token', 'abc'], /without --hq/],
    [['--data', 'x', '--hq', 'https://hq.example', '--token-file', '/nonexistent/token'], /cannot read/],
    [['--data', 'x', '--listen', '0.0.0.0'], /Unknown option '--listen'/],
    [['--data', 'x', 'extra'], /Unexpected argument/],
  ])('refuses %j', (argv, message) => {
    const parsed = parse(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' ? parsed.message : '').toMatch(message);
  });
});
