/**
 * HQ's two stores in the shared event-store contract. HQ's append is a push of one device: the
 * adapter pushes the events of one stream and maps the per-event statuses onto the contract's
 * outcomes (accepted → ok; conflict → clash; EVENT_ID_REUSED → duplicate-event-id). A push that
 * stored only part of the events, or answered in a way the contract has no word for, throws, so
 * the suite fails instead of the adapter guessing. HQ sets the tenant on every stored event;
 * within one tenant the adapter reads envelopes back without it, as the desk stores them.
 */
import { v7 } from 'uuid';
import type { PushResult } from '../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import type { HqStore } from '../../src-server/store/hq-store.js';
import { sqliteBackend, postgresBackend, type HqDatabase } from '../support/hq-databases.js';
import { addClinic, storePush } from '../support/hq-fixtures.js';
import type { AppendOutcome, ContractStore, StoreFactory } from './event-store.contract.js';
import { parsePulledEvents } from '../../src-server/log/pulled-event.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';

const outcomeOf = (results: readonly PushResult[]): AppendOutcome => {
  if (results.every((result) => result.status === 'accepted')) return 'ok';
  const [first] = results;
  const onlyFirstFailed = results.slice(1).every((result) => result.status === 'blocked');
  if (first?.status === 'conflict' && onlyFirstFailed) return 'clash';
  if (first?.status === 'rejected' && first.reason === 'EVENT_ID_REUSED' && onlyFirstFailed) return 'duplicate-event-id';
  throw new Error(`HQ answered in a way the store contract cannot express: ${JSON.stringify(results)}`);
};

interface Tenant {
  readonly tenantId: string;
  readonly deviceId: string;
}

const withoutTenant = (tenantId: string, envelope: EventEnvelope & { tenantId?: string }): EventEnvelope => {
  const { tenantId: stored, ...rest } = envelope;
  if (stored !== tenantId) throw new Error(`Event ${envelope.eventId} carries tenant ${stored}, expected ${tenantId}`);
  return rest;
};

const contractStoreOn = (db: HqDatabase, store: HqStore, tenant: Tenant): ContractStore => {
  const readAll = async (afterPosition: number, limit: number) => {
    const page = await store.readEvents(tenant.tenantId, afterPosition, limit, DEFAULT_LIMITS.maxPullBytes);
    return parsePulledEvents(page.events).map(({ serverPosition, receivedAt: _receivedAt, ...envelope }) => ({
      position: serverPosition,
      envelope: withoutTenant(tenant.tenantId, envelope),
    }));
  };
  return {
    append: async (streamId, expectedVersion, events) => {
      events.forEach((event, index) => {
        if (event.streamId !== streamId || event.version !== expectedVersion + index + 1) {
          throw new Error(`The contract appends consecutive versions of ${streamId} after ${expectedVersion}`);
        }
      });
      const installationId = events[0]?.meta.deviceId ?? v7();
      const outcome = await store.push(storePush(tenant.tenantId, { deviceId: tenant.deviceId, installationId }, events));
      if (outcome.kind !== 'done') throw new Error(`HQ refused the push: ${outcome.kind}`);
      return outcomeOf(outcome.results);
    },
    // HQ serves whole tenant logs, not streams: a stream is the log filtered by its id
    readStream: async (streamId) => (await readAll(0, Number.MAX_SAFE_INTEGER)).map((row) => row.envelope).filter((event) => event.streamId === streamId),
    readAll,
    reopen: async () => {
      await store.close();
      return contractStoreOn(db, await db.open(), tenant);
    },
    close: () => store.close(),
  };
};

const hqFactory = (name: string, create: () => Promise<HqDatabase>): StoreFactory => ({
  name,
  open: async () => {
    const db = await create();
    const store = await db.open();
    const clinic = await addClinic(store);
    const device = await clinic.addDevice();
    return contractStoreOn(db, store, { tenantId: clinic.tenantId, deviceId: device.deviceId });
  },
});

export const hqSqliteStoreFactory: StoreFactory = hqFactory('HQ SQLite store', () => sqliteBackend.create());

export const hqPostgresStoreFactory = (adminUrl: string): StoreFactory =>
  hqFactory('HQ PostgreSQL store', () => postgresBackend(adminUrl).create());
