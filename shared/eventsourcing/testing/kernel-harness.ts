import { createHeadspring, type Headspring, type HeadspringOptions } from '../headspring.js';
import { createStreamRegistry, type StreamRegistry } from '../registry.js';
import type { Command } from '../command.js';
import type { EventStore } from '../event-store.js';
import { tabStream, type TabCommand } from './fixtures/tab.js';
import { createInMemoryEventStore, type InMemoryEventStore } from './in-memory-event-store.js';
import { sequentialIds } from './sequential-ids.js';

export const DEVICE_ID = '0190a000-0000-7000-8000-00000000d001';

/** A Headspring over the in-memory store and the tab fixture, for kernel tests. */
export const tabKernel = (
  overrides: Partial<HeadspringOptions> & { store?: EventStore } = {},
): { headspring: Headspring; store: InMemoryEventStore; registry: StreamRegistry } => {
  const store = createInMemoryEventStore();
  const registry = createStreamRegistry([tabStream]);
  const headspring = createHeadspring({
    store,
    registry,
    ids: sequentialIds('evt'),
    origin: { deviceId: DEVICE_ID, appVersion: '0.1.0' },
    ...overrides,
  });
  return { headspring, store, registry };
};

let counter = 0;
/** A tab command with sensible defaults; time advances one minute per call unless given. */
export const tabCommand = <T extends TabCommand['type']>(
  type: T,
  payload: Extract<TabCommand, { type: T }>['payload'],
  extra: Partial<Command> = {},
): Omit<Extract<TabCommand, { type: T }>, 'streamId'> & { streamId?: string } => {
  counter += 1;
  return {
    commandId: `cmd-${String(counter).padStart(5, '0')}`,
    type,
    payload,
    schemaVersion: 1,
    issuedBy: 'staff-1',
    issuedAt: new Date(Date.UTC(2026, 10, 25, 9, counter % 600)).toISOString(),
    ...extra,
  } as Omit<Extract<TabCommand, { type: T }>, 'streamId'> & { streamId?: string };
};
