import { CommandAlreadyRecorded, VersionClash, type EventEnvelope } from '../../shared/eventsourcing/index.js';
import { createInMemoryEventStore } from '../../shared/eventsourcing/testing/in-memory-event-store.js';
import type { EventStore } from '../../shared/eventsourcing/index.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';
import type { AppendOutcome, ContractStore, StoreFactory } from './event-store.contract.js';

/** Appends through the EventStore port, the way the Headspring does. */
const appendVia = (store: EventStore, streamId: string, expectedVersion: number, events: readonly EventEnvelope[]): AppendOutcome => {
  const first = events[0];
  if (!first) throw new Error('append needs events');
  try {
    store.append({
      streamId,
      streamType: first.streamType,
      expectedVersion,
      events,
      recordMode: 'insert',
      record: {
        commandId: first.meta.commandId,
        command: {
          commandId: first.meta.commandId,
          type: 'AddCharge',
          streamId,
          payload: first.data,
          schemaVersion: 1,
          issuedBy: first.meta.initiator,
          issuedAt: first.meta.raisedAt,
        },
        outcome: { status: 'done', streamId, fromVersion: expectedVersion + 1, toVersion: expectedVersion + events.length },
      },
    });
    return 'ok';
  } catch (error) {
    if (error instanceof VersionClash) return 'clash';
    if (error instanceof CommandAlreadyRecorded) throw error;
    if (/UNIQUE constraint failed: events.event_id|already stored/.test(String(error))) return 'duplicate-event-id';
    throw error;
  }
};

export const inMemoryStoreFactory: StoreFactory = {
  name: 'in-memory (kernel reference)',
  open: () => {
    const store = createInMemoryEventStore();
    return Promise.resolve<ContractStore>({
      append: (streamId, expected, events) => Promise.resolve(appendVia(store, streamId, expected, events)),
      readStream: (streamId) => Promise.resolve(store.readStream(streamId)),
      readAll: (after, limit) =>
        Promise.resolve(
          store
            .all()
            .map((envelope, index) => ({ position: index + 1, envelope }))
            .filter((row) => row.position > after)
            .slice(0, limit),
        ),
      close: () => Promise.resolve(),
    });
  },
};

const openDeskContractStore = (dataDir: string): ContractStore => {
  const { store } = openTabDesk(dataDir);
  return {
    append: (streamId, expected, events) => Promise.resolve(appendVia(store.events, streamId, expected, events)),
    readStream: (streamId) => Promise.resolve(store.events.readStream(streamId)),
    readAll: (after, limit) =>
      Promise.resolve(store.events.readAll(after, limit).map(({ position, envelope }) => ({ position, envelope }))),
    reopen: () => {
      store.close();
      return Promise.resolve(openDeskContractStore(dataDir));
    },
    close: () => {
      store.close();
      return Promise.resolve();
    },
  };
};

export const deskStoreFactory: StoreFactory = {
  name: 'desk SQLite store',
  open: () => Promise.resolve(openDeskContractStore(tempDir('desk-contract'))),
};
