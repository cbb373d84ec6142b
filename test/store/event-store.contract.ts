/**
 * One contract for every event store in the product: the desk's SQLite store, the kernel's
 * in-memory reference store and HQ's SQLite and PostgreSQL stores. Each provides an adapter; the
 * suite runs the same checks against all of them, labelled by the adapter's name (Emmett's
 * features.ts, without letting any store drift outside it).
 */
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/eventsourcing/index.js';

export type AppendOutcome = 'ok' | 'clash' | 'duplicate-event-id';

export interface ContractStore {
  /** Appends events of one stream after `expectedVersion`; all or nothing. */
  readonly append: (streamId: string, expectedVersion: number, events: readonly EventEnvelope[]) => Promise<AppendOutcome>;
  readonly readStream: (streamId: string) => Promise<readonly EventEnvelope[]>;
  /** The whole log in commit order; positions strictly increase. */
  readonly readAll: (afterPosition: number, limit: number) => Promise<readonly { position: number; envelope: EventEnvelope }[]>;
  /** Closes and opens the same storage again, or undefined for a store that keeps nothing. */
  readonly reopen?: () => Promise<ContractStore>;
  readonly close: () => Promise<void>;
}

export interface StoreFactory {
  readonly name: string;
  readonly open: () => Promise<ContractStore>;
}

let sequence = 0;
const uuid = (n: number) => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** Envelopes in the shape every store stores; ids are unique within one run. */
export const contractEvent = (streamId: string, version: number, data: Record<string, unknown> = {}): EventEnvelope => {
  sequence += 1;
  return {
    eventId: uuid(sequence + 1_000_000),
    streamType: 'tab',
    streamId,
    version,
    type: 'ChargeAdded',
    schemaVersion: 2,
    data: { amount: version, ...data },
    meta: {
      commandId: uuid(sequence + 2_000_000),
      processId: uuid(sequence + 2_000_000),
      initiator: uuid(7),
      predecessorId: uuid(sequence + 2_000_000),
      deviceId: uuid(9),
      raisedAt: new Date(Date.UTC(2026, 10, 25, 9, 0, sequence)).toISOString(),
      appVersion: '0.1.0',
    },
  };
};

let streamCounter = 0;
const newStream = () => uuid(3_000_000 + ++streamCounter);

export const eventStoreContract = (factory: StoreFactory): void => {
  describe(`event store contract: ${factory.name}`, () => {
    const withStore = async (fn: (store: ContractStore) => Promise<void>) => {
      const store = await factory.open();
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    };

    it('appends a new stream and reads it back exactly', () =>
      withStore(async (store) => {
        const streamId = newStream();
        const events = [contractEvent(streamId, 1, { note: '김민수 ✓ \u0000 "quoted"', nested: { list: [1, null, 'x'] } })];
        expect(await store.append(streamId, 0, events)).toBe('ok');
        expect(await store.readStream(streamId)).toEqual(events);
      }));

    it('appends at the next version and keeps versions in order', () =>
      withStore(async (store) => {
        const streamId = newStream();
        await store.append(streamId, 0, [contractEvent(streamId, 1)]);
        expect(await store.append(streamId, 1, [contractEvent(streamId, 2), contractEvent(streamId, 3)])).toBe('ok');
        expect((await store.readStream(streamId)).map((e) => e.version)).toEqual([1, 2, 3]);
      }));

    it('refuses a stale expected version and stores nothing', () =>
      withStore(async (store) => {
        const streamId = newStream();
        await store.append(streamId, 0, [contractEvent(streamId, 1)]);
        await store.append(streamId, 1, [contractEvent(streamId, 2)]);
        expect(await store.append(streamId, 1, [contractEvent(streamId, 2)])).toBe('clash');
        expect(await store.append(streamId, 0, [contractEvent(streamId, 1)])).toBe('clash');
        expect(await store.readStream(streamId)).toHaveLength(2);
      }));

    it('refuses an event id that is already stored, in any stream, and stores nothing', () =>
      withStore(async (store) => {
        const first = newStream();
        const second = newStream();
        const event = contractEvent(first, 1);
        await store.append(first, 0, [event]);
        const reused = { ...contractEvent(second, 1, { amount: 99 }), eventId: event.eventId };
        expect(await store.append(second, 0, [reused])).toBe('duplicate-event-id');
        expect(await store.readStream(second)).toEqual([]);
        expect(await store.readStream(first)).toEqual([event]);
      }));

    it('reads the whole log in commit order with strictly increasing positions', () =>
      withStore(async (store) => {
        const a = newStream();
        const b = newStream();
        const before = await store.readAll(0, 100_000);
        const after = before.at(-1)?.position ?? 0;
        const written = [contractEvent(a, 1), contractEvent(b, 1), contractEvent(a, 2)];
        await store.append(a, 0, [written[0] as EventEnvelope]);
        await store.append(b, 0, [written[1] as EventEnvelope]);
        await store.append(a, 1, [written[2] as EventEnvelope]);
        const log = await store.readAll(after, 100);
        expect(log.map((row) => row.envelope)).toEqual(written);
        const positions = log.map((row) => row.position);
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
        expect(new Set(positions).size).toBe(positions.length);
        expect(await store.readAll(after, 2)).toHaveLength(2);
        expect(await store.readAll(log.at(-1)?.position ?? 0, 10)).toEqual([]);
      }));

    it('returns identical streams after reopening', async () => {
      const store = await factory.open();
      if (!store.reopen) {
        await store.close();
        return;
      }
      const streamId = newStream();
      const events = [contractEvent(streamId, 1), contractEvent(streamId, 2)];
      await store.append(streamId, 0, events);
      const log = await store.readAll(0, 100_000);
      const reopened = await store.reopen();
      try {
        expect(await reopened.readStream(streamId)).toEqual(events);
        expect(await reopened.readAll(0, 100_000)).toEqual(log);
      } finally {
        await reopened.close();
      }
    });
  });
};
