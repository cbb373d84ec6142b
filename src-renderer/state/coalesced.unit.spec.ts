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
