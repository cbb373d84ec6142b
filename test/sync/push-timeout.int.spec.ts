/**
 * A slow uplink (issue 11): a push of everything pending is more than the link carries within the
 * desk's request timeout (in production up to 2,000 events, over a megabyte, against 15 s). The desk must still
 * drain by itself, in smaller pushes, each event at HQ exactly once; once the link is fast again its
 * pushes grow back. What HQ took is read from its 'push' log lines; what the desk sent, from the proxy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultProxy } from '../support/fault-proxy.js';
import type { LogLine } from '../support/log-lines.js';
import { eventually, startHqHost, startSyncClinic, type HqHost, type SyncClinic } from '../support/sync-clinic.js';
import { execute, expectConverged, openClinicDay } from '../support/sync-scenarios.js';

/**
 * A memo event is some 600 bytes: the 1,000 memos (~600 KB) need 3 s on this uplink, past the
 * timeout; 250 of them under 1 s.
 */
const TIMEOUT_MS = 1_000;
const UPLINK_BYTES_PER_SECOND = 200_000;
const MEMOS = 1_000;

let host: HqHost | undefined;
let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  await host?.stop();
  clinic = undefined;
  host = undefined;
});

/** The events of each push HQ took (its 'push' log line at info), in order. */
const pushesAtHq = (lines: readonly LogLine[]): number[] =>
  lines.filter((line) => line.msg === 'push').map((line) => Number(line.accepted ?? 0) + Number(line.duplicate ?? 0));

/** HQ logging each push, and desk A behind a fault proxy with the day's visits delivered. */
const deskBehindProxy = async () => {
  host = await startHqHost({ logLevel: 'info' });
  clinic = await startSyncClinic({ host, timing: { requestTimeoutMs: TIMEOUT_MS } });
  const a = await clinic.addDesk('A', { proxy: true });
  const day = await openClinicDay(a);
  await eventually(() => a.unsettled() === 0, 10_000, 'the day delivered');
  return { clinic, a, day, proxy: a.proxy as FaultProxy };
};

describe('a push that times out', () => {
  it('on a slow uplink, the desk drains in smaller pushes by itself; once the link is fast again, its pushes grow back', async () => {
    const { clinic, a, day, proxy } = await deskBehindProxy();

    // Offline, a busy stretch: more memos than the slow uplink carries within the timeout.
    await proxy.down();
    for (let i = 0; i < MEMOS; i++) await execute(a, 'AddMemo', day.visitId, { text: `메모 ${i}: 레이저 토닝 후 진정 관리 안내` });

    // Back on a slow uplink: a push of them all cannot arrive within the timeout, a quarter of them can.
    proxy.setRate(UPLINK_BYTES_PER_SECOND);
    proxy.setFault(({ method, path }) => (method === 'POST' && path === '/v1/push' ? 'slow' : 'pass'));
    const pushesSent = (): number => proxy.seen().filter((request) => request.method === 'POST' && request.path === '/v1/push').length;
    const sentBefore = pushesSent();
    const takenBefore = pushesAtHq(clinic.hq.logs.lines).length;
    await proxy.up();
    // A timeout is a failure the status names, as before, while the desk retries smaller pushes.
    await eventually(async () => /did not answer \/v1\/push in time/.test((await a.call('sync.status', {})).lastError ?? ''), 10_000, 'the timeout shown');
    await eventually(() => a.unsettled() === 0, 20_000, 'the desk drained over the slow uplink');
    const slow = pushesAtHq(clinic.hq.logs.lines).slice(takenBefore);
    // Pushes were cut short on the way (HQ never had them) and HQ took only smaller ones.
    expect(pushesSent() - sentBefore).toBeGreaterThan(slow.length);
    expect(Math.max(...slow)).toBeLessThan(MEMOS);
    await expectConverged(clinic, [a]);
    const memosAtHq = ((await clinic.hqStreams()).get(day.visitId) ?? []).filter((event) => event.type === 'MemoAdded');
    expect(memosAtHq).toHaveLength(MEMOS);
    expect(new Set(memosAtHq.map((event) => event.eventId)).size).toBe(MEMOS);
    expect(await a.call('sync.status', {})).toMatchObject({ state: 'online', pending: 0, lastError: null });

    // The link is fast again; another busy stretch offline. Its pushes start at the size the slow
    // link allowed and double: the first grown one is the third (the second was chosen while the
    // first was on its way).
    await proxy.down();
    for (let i = 0; i < MEMOS; i++) await execute(a, 'AddMemo', day.visitId, { text: `메모 ${i}: 다시 빠른 회선` });
    proxy.setFault('pass');
    const fastFrom = pushesAtHq(clinic.hq.logs.lines).length;
    await proxy.up();
    await eventually(() => a.unsettled() === 0, 10_000, 'the desk drained over the fast link');
    const fast = pushesAtHq(clinic.hq.logs.lines).slice(fastFrom);
    const sizes = `pushes HQ took: ${slow.join(', ')} on the slow link, then ${fast.join(', ')}`;
    expect(fast[0], sizes).toBeLessThanOrEqual(Math.max(...slow));
    expect(Math.max(...fast), sizes).toBeGreaterThanOrEqual(2 * (fast[0] ?? 0));
  }, 60_000);

  it('a command too big for the link within the timeout still arrives: its push, which cannot get smaller, gets more time', async () => {
    const { clinic, a, day, proxy } = await deskBehindProxy();

    // Two long memos (~5 KB a push each) on a link of 4 KB/s: one alone needs ~1.3 s, over the timeout.
    await proxy.down();
    const long = (n: number): string => `${n}: ${'레이저 토닝 후 진정 관리와 재방문 일정 안내. '.repeat(60)}`.slice(0, 1_500).trimEnd();
    for (const n of [1, 2]) await execute(a, 'AddMemo', day.visitId, { text: long(n) });
    proxy.setRate(4_000);
    proxy.setFault(({ method, path }) => (method === 'POST' && path === '/v1/push' ? 'slow' : 'pass'));
    const takenBefore = pushesAtHq(clinic.hq.logs.lines).length;
    await proxy.up();
    await eventually(() => a.unsettled() === 0, 30_000, 'the long memos delivered over the slow link');
    expect(pushesAtHq(clinic.hq.logs.lines).slice(takenBefore)).toEqual([1, 1]);
    const memosAtHq = ((await clinic.hqStreams()).get(day.visitId) ?? []).filter((event) => event.type === 'MemoAdded');
    expect(memosAtHq.map((event) => (event.data as { text: string }).text)).toEqual([long(1), long(2)]);
    await expectConverged(clinic, [a]);
  }, 60_000);
});
