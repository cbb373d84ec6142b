/**
 * The port HQ's HTTP layer and CLI need from a database. Two implementations sit behind it: the
 * embedded SQLite file (default) and PostgreSQL (HQ_DATABASE_URL). Both run the same contract
 * suite (test/server) and the shared event-store suite (test/store).
 *
 * HQ keeps no state outside this port: a revoked token, a binding, a head position are read from
 * the database on every request, so several HQ processes can serve one PostgreSQL.
 */
import type { DeviceScope, PushResult } from '../../shared/contract/sync-protocol.js';
import type { PulledEvents } from '../log/pulled-event.js';
import type { CheckedEvent } from '../log/checked-event.js';

export interface TenantRecord {
  readonly tenantId: string;
  readonly name: string;
  readonly createdAt: string;
  /** The newest serverPosition, 0 before the first event. */
  readonly head: number;
}

export interface DeviceRecord {
  readonly deviceId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly scope: DeviceScope;
  /** Bound at the first push; kept across token rotation. */
  readonly installationId: string | null;
  readonly createdAt: string;
  readonly tokenIssuedAt: string;
  readonly revokedAt: string | null;
  readonly lastSeenAt: string | null;
  /** The app version of its latest push. */
  readonly appVersion: string | null;
}

/** An active device found by its token hash, with its tenant's name. */
export interface Credential {
  readonly deviceId: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly name: string;
  readonly scope: DeviceScope;
  readonly installationId: string | null;
}

export interface NewDevice {
  readonly deviceId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly scope: DeviceScope;
  readonly tokenHash: string;
  readonly createdAt: string;
}

export interface PushBatch {
  readonly tenantId: string;
  /** The device record of the token; its installation binding is checked and made here. */
  readonly deviceId: string;
  readonly installationId: string;
  readonly appVersion: string;
  readonly receivedAt: string;
  readonly events: readonly CheckedEvent[];
  /** Per stream, the eventId its first event in the batch was built on (log/push-plan.ts); none when absent. */
  readonly basis?: ReadonlyMap<string, string>;
  /**
   * For a client below the minimum version: the push goes through only when every event is
   * already recorded (all `duplicate`); otherwise nothing is written and the outcome is
   * 'not-recorded' (the HTTP layer answers 426).
   */
  readonly onlyRecorded: boolean;
}

export type PushOutcome =
  | { readonly kind: 'done'; readonly results: readonly PushResult[]; readonly head: number }
  /** The device record is bound to another installation; nothing was written. */
  | { readonly kind: 'installation-mismatch' }
  /** The device was revoked after the request was authenticated; nothing was written. */
  | { readonly kind: 'device-revoked' }
  | { readonly kind: 'not-recorded' };

export interface EventPage {
  /** As JSON text (pulled-event.ts): a pull sends them without parsing them. */
  readonly events: PulledEvents;
  /** Read after the events, so it is >= every position in them. */
  readonly head: number;
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'unknown';

/** What clearing a device's installation binding found. */
export type UnbindOutcome =
  | { readonly kind: 'cleared'; readonly tenantId: string; readonly installationId: string }
  | { readonly kind: 'not-bound'; readonly tenantId: string }
  | { readonly kind: 'unknown' };

/** Thrown by addDevice for a tenant id HQ does not know. */
export class UnknownTenantError extends Error {
  override readonly name = 'UnknownTenantError';
  constructor(readonly tenantId: string) {
    super(`No tenant ${tenantId}`);
  }
}

export interface TenancyStore {
  readonly addTenant: (tenant: { readonly tenantId: string; readonly name: string; readonly createdAt: string }) => Promise<void>;
  readonly listTenants: () => Promise<readonly TenantRecord[]>;
  /** Throws UnknownTenantError. */
  readonly addDevice: (device: NewDevice) => Promise<void>;
  readonly listDevices: (tenantId?: string) => Promise<readonly DeviceRecord[]>;
  readonly getDevice: (deviceId: string) => Promise<DeviceRecord | undefined>;
  /** The active device holding this token hash, or undefined (unknown, rotated away or revoked). */
  readonly findCredential: (tokenHash: string) => Promise<Credential | undefined>;
  /** Replaces an active device's token hash; false when the device is unknown or revoked. */
  readonly replaceToken: (deviceId: string, tokenHash: string, issuedAt: string) => Promise<boolean>;
  readonly revokeDevice: (deviceId: string, revokedAt: string) => Promise<RevokeOutcome>;
  /** Forgets the installation bound to the device; its next push binds one again. */
  readonly unbindInstallation: (deviceId: string) => Promise<UnbindOutcome>;
  /** Sets last-seen, at most once a minute per device, so reads do not turn into writes. */
  readonly recordSeen: (deviceId: string, at: string) => Promise<void>;
  /** App versions reported by the tenant's active devices (one per device that has pushed). */
  readonly activeAppVersions: (tenantId: string) => Promise<readonly string[]>;
}

export interface EventLogStore {
  /** One transaction: binding check, positions, inserts and the head, or nothing at all. */
  readonly push: (batch: PushBatch) => Promise<PushOutcome>;
  /**
   * The events after `afterPosition`: at most `limit`, and no more than fit in `maxBytes` of data
   * and meta as stored, but always the first one when there is one (a pull always moves on).
   */
  readonly readEvents: (tenantId: string, afterPosition: number, limit: number, maxBytes: number) => Promise<EventPage>;
  /**
   * Calls `onAdvance` whenever the tenant's head may have moved, on this process or (PostgreSQL)
   * any other. Spurious calls are allowed; missed ones are not. Returns the unsubscribe function.
   */
  readonly watchHead: (tenantId: string, onAdvance: () => void) => () => void;
}

export interface HqStore extends TenancyStore, EventLogStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Made when the database was created and kept in it: which log this is (health and pull answers). */
  readonly logId: string;
  /** Where the data lives, for logs (no password). */
  readonly location: string;
  /** True for errors that mean "the database cannot answer right now" (503 with Retry-After). */
  readonly isUnavailable: (error: unknown) => boolean;
  /** Resolves when the database answers a trivial query (health). */
  readonly ping: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/** How HQ names itself when it refuses a database written by a newer HQ. */
export const HQ_PROGRAM = 'clinic-desk HQ';

/** Seen-time writes are skipped while the stored one is younger than this. */
export const SEEN_RESOLUTION_MS = 60_000;
