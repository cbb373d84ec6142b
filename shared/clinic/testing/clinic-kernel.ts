import { createHeadspring, type Command, type DomainEvent, type Headspring } from '../../eventsourcing/index.js';
import { createInMemoryEventStore, sequentialIds, type InMemoryEventStore } from '../../eventsourcing/testing/index.js';
import { clinicRegistry } from '../registry.js';

export const DEVICE_ID = '0190a000-0000-7000-8000-0000000de5c1';

/** A Headspring over the in-memory store and the clinic registry; pass a store to "restart" on it. */
export const clinicKernel = (
  store: InMemoryEventStore = createInMemoryEventStore(),
): { headspring: Headspring; store: InMemoryEventStore } => {
  const headspring = createHeadspring({
    store,
    registry: clinicRegistry,
    ids: sequentialIds(`evt-${++kernels}`),
    origin: { deviceId: DEVICE_ID, appVersion: '0.1.0' },
  });
  return { headspring, store };
};
let kernels = 0;

let counter = 0;
/** Gives a command a fresh commandId, as each command a person issues has. */
export const fresh = <C extends Command>(command: C): C => ({ ...command, commandId: `cmd-${String(++counter).padStart(5, '0')}` });

/**
 * Puts events into a stream as if another desk had written them (they arrive by sync), so a
 * test can set up any history, also one that commands could no longer produce.
 */
export const seedStream = (store: InMemoryEventStore, streamType: string, streamId: string, events: readonly DomainEvent[]): void => {
  const from = store.streamHead(streamId)?.version ?? 0;
  store.insertForeign(
    events.map((event, index) => ({
      eventId: `remote-${streamId.slice(-4)}-${from + index + 1}`,
      streamType,
      streamId,
      version: from + index + 1,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      meta: {
        commandId: `remote-cmd-${from + index + 1}`,
        processId: `remote-cmd-${from + index + 1}`,
        initiator: 'remote-staff',
        predecessorId: `remote-cmd-${from + index + 1}`,
        deviceId: 'remote-desk',
        raisedAt: '2026-11-25T00:00:00.000Z',
        appVersion: '0.1.0',
      },
    })),
  );
};
