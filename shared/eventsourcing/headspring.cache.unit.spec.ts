import { describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.js';
import type { EventEnvelope } from './event.js';
import { createInMemoryEventStore } from './testing/in-memory-event-store.js';
import { tabCommand, tabKernel } from './testing/kernel-harness.js';

const countingStore = () => {
  const inner = createInMemoryEventStore();
  const reads: string[] = [];
  const store: EventStore = {
    ...inner,
    readStream: (streamId, range) => {
      reads.push(streamId);
      return inner.readStream(streamId, range);
    },
  };
  return { inner, store, reads };
};

describe('Headspring state cache', () => {
  it('does not re-read a stream it wrote last', () => {
    const { store, reads } = countingStore();
    const { headspring } = tabKernel({ store });
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    headspring.execute(tabCommand('AddCharge', { amount: 3 }, { streamId }));
    headspring.execute(tabCommand('AddCharge', { amount: 4 }, { streamId }));
    expect(reads).toEqual([]);
    expect(headspring.load(streamId).state).toMatchObject({ charged: 7 });
  });

  it('re-reads a stream another writer moved on', () => {
    const { inner, store, reads } = countingStore();
    const { headspring } = tabKernel({ store });
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    inner.insertForeign([
      { ...(inner.all()[0] as EventEnvelope), eventId: 'other', version: 2, type: 'ChargeAdded', schemaVersion: 2, data: { amount: 9 } },
    ]);
    expect(headspring.load(streamId).state).toMatchObject({ charged: 9 });
    expect(reads).toEqual([streamId]);
  });

  it('re-reads a stream whose head has the same version but another last event (after a rebase)', () => {
    const inner = createInMemoryEventStore();
    let rebased = false;
    // After a rebase, version 2 can hold a different event: HQ's, where ours was set aside.
    const store: EventStore = {
      ...inner,
      streamHead: (id) => {
        const head = inner.streamHead(id);
        return head && rebased ? { ...head, lastEventId: 'remote' } : head;
      },
      readStream: (id, range) =>
        inner
          .readStream(id, range)
          .map((e) => (rebased && e.version === 2 ? { ...e, eventId: 'remote', data: { amount: 50 } } : e)),
    };
    const { headspring } = tabKernel({ store });
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    headspring.execute(tabCommand('AddCharge', { amount: 3 }, { streamId }));
    expect(headspring.load(streamId).state).toMatchObject({ charged: 3 });
    rebased = true;
    expect(headspring.load(streamId).state).toMatchObject({ charged: 50 });
  });

  it('evicts the least recently used stream beyond its size', () => {
    const { store, reads } = countingStore();
    const { headspring } = tabKernel({ store, stateCacheSize: 2 });
    const ids = ['A', 'B', 'C'].map((name) => headspring.execute(tabCommand('OpenTab', { name })).streamId);
    headspring.load(ids[1] as string);
    headspring.load(ids[2] as string);
    expect(reads).toEqual([]);
    headspring.load(ids[0] as string);
    expect(reads).toEqual([ids[0]]);
  });
});
