import { describe, expect, it } from 'vitest';
import type { EventStore, StoredSnapshot } from './event-store.js';
import { createInMemoryEventStore } from './testing/in-memory-event-store.js';
import { tabCommand, tabKernel } from './testing/kernel-harness.js';

describe('snapshots', () => {
  it('are taken every N versions in the same append, and used to rehydrate', () => {
    const inner = createInMemoryEventStore();
    const reads: number[] = [];
    const store: EventStore = {
      ...inner,
      readStream: (streamId, range) => {
        reads.push(range?.afterVersion ?? 0);
        return inner.readStream(streamId, range);
      },
    };
    const { headspring } = tabKernel({ store });
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    for (let i = 0; i < 11; i++) headspring.execute(tabCommand('AddCharge', { amount: 1 }, { streamId }));
    expect(inner.latestSnapshot(streamId)).toEqual({
      streamId,
      version: 10,
      schemaVersion: 1,
      state: { status: 'open', name: 'Kim', charged: 9, paid: 0, anomalies: 0 },
    });
    reads.length = 0;
    // A fresh Headspring (an app restart) has no states in memory and starts from the snapshot.
    const { headspring: restarted } = tabKernel({ store });
    expect(restarted.load(streamId).state).toMatchObject({ charged: 11 });
    expect(reads).toEqual([10]);
  });

  it('of an unknown state schema are ignored', () => {
    const inner = createInMemoryEventStore();
    const bogus: StoredSnapshot = { streamId: '', version: 1, schemaVersion: 99, state: { status: 'closed', charged: 1e9 } };
    const store: EventStore = { ...inner, latestSnapshot: (streamId) => ({ ...bogus, streamId }) };
    const { headspring } = tabKernel({ store, stateCacheSize: 0 });
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    headspring.execute(tabCommand('AddCharge', { amount: 4 }, { streamId }));
    expect(headspring.load(streamId).state).toEqual({ status: 'open', name: 'Kim', charged: 4, paid: 0, anomalies: 0 });
  });
});
