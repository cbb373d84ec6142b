/**
 * A slow downlink (issue 11): a page of the events other desks made is more than the link carries
 * from HQ within the desk's request timeout (in production 500 events, ~350 KB, against 15 s). The
 * desk must still catch up by itself, in smaller pages; once the link is fast again its pages grow
 * back; and an event too large for the link within the timeout still arrives, given more time.
 * What the desk asked for is read from the proxy's request lines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncTiming } from '../../src-main/core/sync/sync-worker.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { eventually, settle, startSyncClinic, type SyncClinic, type SyncDesk } from '../support/sync-clinic.js';
import { execute, expectConverged, joinDesk, openClinicDay, type ClinicDay } from '../support/sync-scenarios.js';

const TIMEOUT_MS = 2_000;

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/** Desk A opens the day straight at HQ; desk B joins behind a fault proxy; both settled. */
const deskBehindProxy = async (timing: Partial<SyncTiming>): Promise<{ clinic: SyncClinic; a: SyncDesk; b: SyncDesk; day: ClinicDay; proxy: FaultProxy }> => {
  clinic = await startSyncClinic({ timing: { requestTimeoutMs: TIMEOUT_MS, ...timing } });
  const a = await clinic.addDesk('A');
  const day = await openClinicDay(a);
  const b = await joinDesk(clinic, 'B', day);
  await settle(a, b);
  await expectConverged(clinic, [a, b]);
  return { clinic, a, b, day, proxy: b.proxy as FaultProxy };
};

/** Pulls answer at the proxy's pace; everything else passes. */
const slowDownlink = (proxy: FaultProxy, bytesPerSecond: number): void => {
  proxy.setRate(bytesPerSecond);
  proxy.setFault(({ method, path }) => (method === 'GET' && path.startsWith('/v1/events') ? 'slow-down' : 'pass'));
};

/** The limit of each pull the desk sent through the proxy, from the `seen`-th request line on. */
const pullLimits = (proxy: FaultProxy, from = 0): number[] =>
  proxy
    .seen()
    .slice(from)
    .flatMap((request) => (request.method === 'GET' && request.path.startsWith('/v1/events') ? [Number(new URL(request.path, 'http://hq').searchParams.get('limit'))] : []));

const lastError = async (desk: SyncDesk): Promise<string> => (await desk.call('sync.status', {})).lastError ?? '';

describe('a pull that times out', () => {
  it('on a slow downlink, the desk catches up in smaller pages by itself; once the link is fast again, its pages grow back', async () => {
    const { clinic, a, b, day, proxy } = await deskBehindProxy({});

    // B offline while A has a busy stretch: 2,000 memos (~700 bytes each as pulled).
    await proxy.down();
    for (let i = 0; i < 2_000; i++) await execute(a, 'AddMemo', day.visitId, { text: `메모 ${i}: 레이저 토닝 후 진정 관리 안내` });
    await settle(a);

    // Back on a downlink of 125 KB/s: a page of 500 (340 KB) needs 2.7 s, over the 2 s timeout; one of 250 about 1.4 s.
    slowDownlink(proxy, 125_000);
    const slowFrom = proxy.seen().length;
    await proxy.up();
    // A timeout is a failure the status names, with what the next pulls ask for.
    await eventually(async () => /the next pulls ask for at most \d+ events/.test(await lastError(b)), 15_000, 'the smaller pages shown');
    await expectConverged(clinic, [a, b], 30_000);
    expect(await b.call('sync.status', {})).toMatchObject({ state: 'online', lastError: null });
    const slow = pullLimits(proxy, slowFrom).filter((limit) => limit > 1);
    expect(slow[0], `limits asked: ${slow.join(', ')}`).toBe(500);
    expect(slow.at(-1), `limits asked: ${slow.join(', ')}`).toBeLessThan(500);

    // The link is fast again; another busy stretch while B is offline. Its pages start at the
    // size the slow link allowed and double back to 500.
    await proxy.down();
    for (let i = 0; i < 1_000; i++) await execute(a, 'AddMemo', day.visitId, { text: `메모 ${i}: 다시 빠른 회선` });
    await settle(a);
    proxy.setRate(100_000_000);
    const fastFrom = proxy.seen().length;
    await proxy.up();
    await expectConverged(clinic, [a, b], 10_000);
    const fast = pullLimits(proxy, fastFrom).filter((limit) => limit > 1);
    const sizes = `limits asked: ${slow.join(', ')} on the slow link, then ${fast.join(', ')}`;
    expect(fast[0], sizes).toBe(slow.at(-1));
    expect(Math.max(...fast), sizes).toBe(500);
  }, 90_000);

  it('an event too big for the link within the timeout still arrives: once its page is one event, it gets more time', async () => {
    // A 1 s timeout, and pages of 4, so that few halvings reach one event.
    const { clinic, a, b, day, proxy } = await deskBehindProxy({ requestTimeoutMs: 1_000, pageSize: 4 });

    // B offline while A writes one long memo (~5 KB as pulled).
    await proxy.down();
    const long = `${'레이저 토닝 후 진정 관리와 재방문 일정 안내. '.repeat(60)}`.slice(0, 1_500).trimEnd();
    await execute(a, 'AddMemo', day.visitId, { text: long });
    await settle(a);

    // On 1.6 KB/s the page of it (~5 KB) needs ~3.2 s: over the timeout, and over a long-poll's
    // timeout plus its wait (2.5 s); within four timeouts.
    slowDownlink(proxy, 1_600);
    const from = proxy.seen().length;
    await proxy.up();
    await eventually(async () => /the next pulls ask for at most 1 event, and may take \d+ s/.test(await lastError(b)), 20_000, 'the longer wait shown');
    await expectConverged(clinic, [a, b], 30_000);
    const memos = (b.streams().get(day.visitId) ?? []).filter((event) => event.type === 'MemoAdded');
    expect(memos.map((event) => (event.data as { text: string }).text)).toEqual([long]);
    // Halved to one event, then given more time.
    expect(pullLimits(proxy, from).filter((limit) => limit > 1)).toEqual(expect.arrayContaining([4, 2]));
  }, 60_000);
});
