/** Clinics, devices and envelopes for HQ tests. */
import { v7 } from 'uuid';
import type { DeviceScope } from '../../shared/contract/sync-protocol.js';
import type { EventEnvelope } from '../../shared/eventsourcing/event.js';
import { checkEvent } from '../../src-server/log/checked-event.js';
import type { PushBatch, TenancyStore } from '../../src-server/store/hq-store.js';
import { createTenancy } from '../../src-server/tenancy/tenancy.js';

export interface TestDevice {
  readonly deviceId: string;
  readonly token: string;
  /** The installation this device pushes from (bound at its first push). */
  readonly installationId: string;
}

export interface TestClinic {
  readonly tenantId: string;
  readonly addDevice: (name?: string, scope?: DeviceScope) => Promise<TestDevice>;
}

let clinicCount = 0;

/** The staff member every test event is raised by. */
export const STAFF_ID = '0190a000-0000-7000-8000-000000000001';

export const addClinic = async (store: TenancyStore, name = `clinic ${++clinicCount}`): Promise<TestClinic> => {
  const tenancy = createTenancy(store);
  const { tenantId } = await tenancy.addTenant(name);
  let deviceCount = 0;
  return {
    tenantId,
    addDevice: async (deviceName = `desk ${++deviceCount}`, scope = 'desk') => {
      const { device, token } = await tenancy.addDevice({ tenantId, name: deviceName, scope });
      return { deviceId: device.deviceId, token, installationId: v7() };
    },
  };
};

export interface EventSpec {
  readonly streamId: string;
  readonly version: number;
  readonly installationId: string;
  readonly eventId?: string;
  readonly streamType?: string;
  readonly type?: string;
  readonly schemaVersion?: number;
  readonly data?: Record<string, unknown>;
  readonly tenantId?: string;
  readonly appVersion?: string;
}

/** A valid envelope as a desk raises it. */
export const envelope = (spec: EventSpec): EventEnvelope => {
  const commandId = v7();
  return {
    eventId: spec.eventId ?? v7(),
    ...(spec.tenantId === undefined ? {} : { tenantId: spec.tenantId }),
    streamType: spec.streamType ?? 'visit',
    streamId: spec.streamId,
    version: spec.version,
    type: spec.type ?? 'MemoAdded',
    schemaVersion: spec.schemaVersion ?? 1,
    data: spec.data ?? { text: `memo ${spec.version}` },
    meta: {
      commandId,
      processId: commandId,
      initiator: STAFF_ID,
      predecessorId: commandId,
      deviceId: spec.installationId,
      raisedAt: new Date().toISOString(),
      appVersion: spec.appVersion ?? '0.1.0',
    },
  };
};

/** `count` consecutive events of one stream from `fromVersion`. */
export const streamEvents = (streamId: string, installationId: string, fromVersion: number, count: number): EventEnvelope[] =>
  Array.from({ length: count }, (_, index) => envelope({ streamId, installationId, version: fromVersion + index }));

export const newStreamId = (): string => v7();

/** A push as HQ's store takes it once the route has checked it: `events` from `device` of `tenantId`, no basis. */
export const storePush = (
  tenantId: string,
  device: Pick<TestDevice, 'deviceId' | 'installationId'>,
  events: readonly EventEnvelope[],
  receivedAt = new Date().toISOString(),
): PushBatch => ({
  tenantId,
  deviceId: device.deviceId,
  installationId: device.installationId,
  appVersion: '0.1.0',
  receivedAt,
  events: events.map((event) => checkEvent({ ...event })),
  basis: new Map(),
  onlyRecorded: false,
});
