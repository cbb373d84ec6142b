import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced.js';

/** A read that waits until the test lets it finish, counting its runs. */
const gatedRead = () => {
  const gates: (() => void)[] = [];
  let runs = 0;
  const read = () =>
    new Promise<void>((resolve) => {
      runs += 1;
      gates.push(resolve);
    });
  return { read, runs: () => runs, finish: () => gates.shift()?.() };
};

describe('a coalesced re-read', () => {
  it('given a read in flight, when a burst of calls comes, then it runs once more after it, not once per call', async () => {
    const gated = gatedRead();
    const load = coalesced(gated.read);
    const first = load();
    const burst = [load(), load(), load()];
    expect(gated.runs()).toBe(1);
    gated.finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(gated.runs()).toBe(2);
    gated.finish();
    await Promise.all([first, ...burst]);
    expect(gated.runs()).toBe(2);
  });

  it('given nothing in flight, when called again later, then it reads again', async () => {
    const gated = gatedRead();
    const load = coalesced(gated.read);
    const first = load();
    gated.finish();
    await first;
    const second = load();
    gated.finish();
    await second;
    expect(gated.runs()).toBe(2);
  });
});

describe('a coalesced re-read, a call just after the last read ends', () => {
  /** A read whose first run makes one more call `hops` microtasks after it resolves (a notice delivered from a promise chain). */
  const callingBack = (hops: number) => {
    let runs = 0;
    let load: () => Promise<void> = () => Promise.resolve();
    const read = (): Promise<void> => {
      runs += 1;
      if (runs === 1) {
        let later: Promise<void> = Promise.resolve();
        for (let hop = 0; hop < hops; hop += 1) later = later.then(() => undefined);
        void later.then(() => load());
      }
      return Promise.resolve();
    };
    load = coalesced(read);
    return { load, runs: () => runs };
  };

  it.each([0, 1, 2, 3, 4, 5, 6])('given a call %i microtasks after the read, then it reads again (the call is not lost)', async (hops) => {
    const { load, runs } = callingBack(hops);
    await load();
    for (let tick = 0; tick < 20; tick += 1) await Promise.resolve();
    expect(runs()).toBe(2);
  });

  it('given a read that throws at once, then a later call still reads', async () => {
    let runs = 0;
    const load = coalesced(() => {
      runs += 1;
      if (runs === 1) throw new Error('bridge gone');
      return Promise.resolve();
    });
    await expect(load()).rejects.toThrow('bridge gone');
    await load();
    expect(runs).toBe(2);
  });
});
