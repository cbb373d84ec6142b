import { describe, expect, it } from 'vitest';
import { createLocalHeadSignal } from '../store/local-head-signal.js';
import { createLongPolls } from './long-poll.js';

const NEVER_MS = 100_000;

/** A page as the stores answer one: a long-poll looks only at how many events it holds. */
const pageOf = (list: readonly number[]) => ({ events: { count: list.length, list } });

/** A tenant log the test appends to by hand; reads report what is there. */
const fakeLog = () => {
  let events: number[] = [];
  let reads = 0;
  return {
    append: (...more: number[]) => (events = [...events, ...more]),
    read: () => {
      reads += 1;
      return Promise.resolve(pageOf([...events]));
    },
    reads: () => reads,
  };
};

describe('long-polls', () => {
  it('answers at once when the first read finds events', async () => {
    const signal = createLocalHeadSignal();
    const polls = createLongPolls({ watchHead: signal.watch, maxPerDevice: 1 });
    const log = fakeLog();
    log.append(1);
    let waited = false;
    const page = await polls.wait({ deviceId: 'd', tenantId: 't', waitMs: NEVER_MS, read: log.read, gone: new AbortController().signal, onWaiting: () => (waited = true) });
    expect({ page, waited }).toEqual({ page: pageOf([1]), waited: false });
  });

  it('reads again when its tenant is announced, and not for another tenant', async () => {
    const signal = createLocalHeadSignal();
    const polls = createLongPolls({ watchHead: signal.watch, maxPerDevice: 1 });
    const log = fakeLog();
    let waiting!: () => void;
    const started = new Promise<void>((resolve) => (waiting = resolve));
    const answer = polls.wait({ deviceId: 'd', tenantId: 't', waitMs: NEVER_MS, read: log.read, gone: new AbortController().signal, onWaiting: waiting });
    await started;
    signal.announce('other tenant');
    expect(log.reads()).toBe(1);
    log.append(7);
    signal.announce('t');
    expect(await answer).toEqual(pageOf([7]));
  });

  it('does not lose an announcement that arrives during a read', async () => {
    const signal = createLocalHeadSignal();
    const polls = createLongPolls({ watchHead: signal.watch, maxPerDevice: 1 });
    let reads = 0;
    // the push commits and announces while the first read is on its way back, empty
    const read = () => {
      reads += 1;
      if (reads === 1) {
        signal.announce('t');
        return Promise.resolve(pageOf([]));
      }
      return Promise.resolve(pageOf([1]));
    };
    expect(await polls.wait({ deviceId: 'd', tenantId: 't', waitMs: NEVER_MS, read, gone: new AbortController().signal })).toEqual(pageOf([1]));
  });

  it('refuses a device beyond its waiting pulls with RATE_LIMITED, and frees the slot when one ends', async () => {
    const signal = createLocalHeadSignal();
    const polls = createLongPolls({ watchHead: signal.watch, maxPerDevice: 1 });
    const log = fakeLog();
    const gone = new AbortController();
    const first = polls.wait({ deviceId: 'd', tenantId: 't', waitMs: NEVER_MS, read: log.read, gone: gone.signal });
    await expect(polls.wait({ deviceId: 'd', tenantId: 't', waitMs: NEVER_MS, read: log.read, gone: new AbortController().signal })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
    });
    // another device is not affected
    log.append(1);
    expect(await polls.wait({ deviceId: 'e', tenantId: 't', waitMs: NEVER_MS, read: log.read, gone: new AbortController().signal })).toEqual(pageOf([1]));
    gone.abort();
    await first;
    expect(polls.waitingCount()).toBe(0);
    expect(await polls.wait({ deviceId: 'd', tenantId: 't', waitMs: 0, read: log.read, gone: new AbortController().signal })).toEqual(pageOf([1]));
  });

  it('answers every waiting pull at once when released for shutdown', async () => {
    const signal = createLocalHeadSignal();
    const polls = createLongPolls({ watchHead: signal.watch, maxPerDevice: 2 });
    const log = fakeLog();
    let waitingCount = 0;
    let bothWaiting!: () => void;
    const ready = new Promise<void>((resolve) => (bothWaiting = resolve));
    const onWaiting = () => {
      waitingCount += 1;
      if (waitingCount === 2) bothWaiting();
    };
    const pulls = [1, 2].map(() => polls.wait({ deviceId: 'd', tenantId: 't', waitMs: NEVER_MS, read: log.read, gone: new AbortController().signal, onWaiting }));
    await ready;
    polls.release();
    expect(await Promise.all(pulls)).toEqual([pageOf([]), pageOf([])]);
  });
});
