import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHeadspring, createStreamRegistry, type Headspring, type StreamRegistry } from '../../shared/eventsourcing/index.js';
import { tabStream } from '../../shared/eventsourcing/testing/fixtures/tab.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { openDeskStore, type DeskStore } from '../../src-main/core/store/desk-store.js';
import type { Durability } from '../../src-node/sqlite/database.js';
import type { Projection } from '../../src-main/core/store/projection.js';
import { tabCmd } from './tab-commands.js';
import { tabProjection } from './tab-projection.js';

export const tabRegistry = createStreamRegistry([tabStream]);

export const tempDir = (label = 'clinic-desk'): string => fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));

export interface TabDesk {
  readonly store: DeskStore;
  readonly headspring: Headspring;
}

/** A real desk store in `dataDir` with the kernel's test aggregate and its read model (or `projections`). */
export const openTabDesk = (
  dataDir: string,
  durability: Durability = 'FULL',
  registry: StreamRegistry = tabRegistry,
  projections: readonly Projection[] = [tabProjection],
): TabDesk => {
  const store = openDeskStore({
    dataDir,
    registry,
    projections,
    ids: uuidV7,
    now: () => new Date(),
    durability,
  });
  const headspring = createHeadspring({
    store: store.events,
    registry,
    ids: uuidV7,
    origin: { deviceId: store.installationId, appVersion: '0.1.0' },
  });
  return { store, headspring };
};

/** A tab opened, charged 1..n and paid: 1 + n + 1 events. */
export const recordTab = (headspring: Headspring, n: number): void => {
  const { streamId } = headspring.execute(tabCmd('OpenTab', { name: `tab ${n}` }));
  for (let i = 0; i < n; i++) headspring.execute(tabCmd('AddCharge', { amount: i + 1 }, streamId));
  headspring.execute(tabCmd('TakePayment', { amount: n }, streamId));
};
