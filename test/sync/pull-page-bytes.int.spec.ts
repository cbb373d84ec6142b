/**
 * HQ's pull pages stop at its byte limit (limits.maxPullBytes), however many events the desk asks
 * for; a page cut short says `more`, and the desk asks again at once instead of taking itself for
 * caught up. Here HQ serves pages of at most 5,000 bytes of data and meta, and some memos are
 * larger than that on their own: a joining desk still pulls the whole clinic, a page at a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultChoice, FaultProxy } from '../support/fault-proxy.js';
import { eventually, hqHead, settle, startHqHost, startSyncClinic, type HqHost, type SyncClinic } from '../support/sync-clinic.js';
import { execute, expectConverged, joinDesk, openClinicDay } from '../support/sync-scenarios.js';

const MAX_PULL_BYTES = 5_000;
/** Memos of 2,000 three-byte characters (~6,000 bytes of data) and of 400 (~1,200). */
const MEMOS = Array.from({ length: 24 }, (_, index) => `${index}: ${(index % 3 === 0 ? '진' : '관').repeat(index % 3 === 0 ? 1_990 : 400)}`);

let host: HqHost | undefined;
let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  await host?.stop();
  clinic = undefined;
  host = undefined;
});

describe('pull pages cut by HQ`s byte limit', () => {
  it('a joining desk pulls a log of large memos in short pages, each asked for at once, and converges', { timeout: 60_000 }, async () => {
    host = await startHqHost({ serveArgs: ['--max-pull-bytes', String(MAX_PULL_BYTES)] });
    clinic = await startSyncClinic({ host, timing: { pageSize: 500 } });
    const a = await clinic.addDesk('A');
    const day = await openClinicDay(a);
    for (const text of MEMOS) await execute(a, 'AddMemo', day.visitId, { text });

    await settle(a);
    const head = await hqHead(clinic);
    // B's third pull is held at its proxy: by then a page cut short by bytes, saying more, is in
    let eventPulls = 0;
    const holdThird: FaultChoice = ({ method, path }) => (method === 'GET' && path.startsWith('/v1/events') && ++eventPulls === 3 ? 'pause' : 'pass');
    // the staff come in the first pages
    const b = await joinDesk(clinic, 'B', day, { proxyFault: holdThird });
    const proxy = b.proxy as FaultProxy;
    // a short page with more is not HQ's head: B still says it is catching up, with how far
    await eventually(() => eventPulls >= 3, 10_000, "B's third pull held");
    const held = await b.call('sync.status', {});
    expect({ phase: held.catchUp?.phase, head: held.catchUp?.head, behind: (held.catchUp?.pulled ?? head) < head }).toEqual({ phase: 'pulling', head, behind: true });
    proxy.setFault('pass');
    proxy.resume();
    await expectConverged(clinic, [a, b], 30_000);

    const pulls = proxy
      .seen()
      .filter((request) => request.method === 'GET' && request.path.startsWith('/v1/events'))
      .map((request) => new URLSearchParams(request.path.split('?')[1]));
    // every page asked for far more than it held: the byte limit, not the desk, made them short
    expect(pulls.every((query) => Number(query.get('limit')) >= 500 || query.get('limit') === '1')).toBe(true);
    // the large memos came one a page, after the page before at once (no long-poll until the head)
    const memoPages = new Set(pulls.map((query) => Number(query.get('after'))));
    expect(memoPages.size).toBeGreaterThanOrEqual(MEMOS.filter((text) => text.length > 1_000).length + 1);
    const waitedBeforeHead = pulls.filter((query) => Number(query.get('waitMs')) > 0 && Number(query.get('after')) < head);
    expect(waitedBeforeHead).toEqual([]);
    const status = await b.call('sync.status', {});
    expect(status.catchUp).toBeUndefined();
  });
});
