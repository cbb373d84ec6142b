/**
 * Clinics (tenants) and their devices, as the HQ command line manages them (README, "HQ sync server"). Ids are UUIDv7;
 * a token is returned once and only its hash is stored.
 */
import { v7 } from 'uuid';
import type { DeviceScope } from '../../shared/contract/sync-protocol.js';
import type { DeviceRecord, RevokeOutcome, TenancyStore, TenantRecord, UnbindOutcome } from '../store/hq-store.js';
import { hashToken, newDeviceToken } from './tokens.js';

export interface IssuedDevice {
  readonly device: DeviceRecord;
  /** Shown once; HQ keeps only its hash. */
  readonly token: string;
}

export interface Tenancy {
  readonly addTenant: (name: string) => Promise<TenantRecord>;
  readonly addDevice: (input: { readonly tenantId: string; readonly name: string; readonly scope: DeviceScope }) => Promise<IssuedDevice>;
  /** A new token for the device; the old one stops working at once, the installation binding stays. */
  readonly rotateToken: (deviceId: string) => Promise<IssuedDevice | undefined>;
  readonly revokeDevice: (deviceId: string) => Promise<RevokeOutcome>;
  /**
   * Clears the device's installation binding, so a desk restored from a backup (a new
   * installation id) can push with the device's token; the next push binds its installation.
   */
  readonly rebindDevice: (deviceId: string) => Promise<UnbindOutcome>;
}

export const createTenancy = (store: TenancyStore, now: () => Date = () => new Date()): Tenancy => {
  return {
    addTenant: async (name) => {
      const tenant = { tenantId: v7(), name, createdAt: now().toISOString() };
      await store.addTenant(tenant);
      return { ...tenant, head: 0 };
    },
    addDevice: async ({ tenantId, name, scope }) => {
      const token = newDeviceToken();
      const deviceId = v7();
      await store.addDevice({ deviceId, tenantId, name, scope, tokenHash: hashToken(token), createdAt: now().toISOString() });
      const device = await store.getDevice(deviceId);
      if (!device) throw new Error(`Device ${deviceId} vanished after it was added`);
      return { device, token };
    },
    rotateToken: async (deviceId) => {
      const token = newDeviceToken();
      if (!(await store.replaceToken(deviceId, hashToken(token), now().toISOString()))) return undefined;
      const device = await store.getDevice(deviceId);
      return device && { device, token };
    },
    revokeDevice: (deviceId) => store.revokeDevice(deviceId, now().toISOString()),
    rebindDevice: (deviceId) => store.unbindInstallation(deviceId),
  };
};
