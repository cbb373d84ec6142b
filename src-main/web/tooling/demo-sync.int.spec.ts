/**
 * `npm run demo:sync` (without its build step): an HQ and two desks of one clinic start, the
 * second desk receives the first one's demo clinic through sync, and Ctrl-C stops all three.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tab-desk.js';
import { eventually } from '../../../test/support/sync-clinic.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

const rpc = async (pageUrl: string, method: string): Promise<unknown> => {
  const url = new URL(pageUrl);
  const response = await fetch(`${url.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-session': url.searchParams.get('session') ?? '' },
    body: '{}',
  });
  return ((await response.json()) as { result?: unknown }).result;
};

const refused = async (url: string): Promise<boolean> => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
};

describe('npm run demo:sync', () => {
  it('starts an HQ and two desks of one clinic, the second gets the demo clinic by sync, and Ctrl-C stops all', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src-main/web/tooling/demo-sync.ts'), '--data', tempDir('demo-sync')], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(() => /Ctrl-C stops everything/.test(out), 60_000, 'the demo printed its addresses');
      const hq = /HQ\s+(http:\/\/\S+)/.exec(out)?.[1] ?? '';
      const [first, second] = [...out.matchAll(/데스크\s+(http:\/\/\S+)/g)].map((match) => match[1] ?? '');
      expect(first).toMatch(/session=/);
      expect(second).toMatch(/session=/);
      expect(await rpc(first ?? '', 'desk.status')).toMatchObject({ clinic: { name: '데모 피부과의원' } });
      await eventually(async () => ((await rpc(second ?? '', 'desk.status')) as { clinic: { name: string } | null }).clinic?.name === '데모 피부과의원', 20_000);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const url of [hq, first ?? '', second ?? '']) expect(await refused(url), url).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
