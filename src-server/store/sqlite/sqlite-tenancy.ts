/** Tenants and devices in HQ's SQLite file. Reads go through the read-only connection, except those inside a write transaction. */
import type { DeviceScope } from '../../../shared/contract/sync-protocol.js';
import { SEEN_RESOLUTION_MS, UnknownTenantError, type Credential, type DeviceRecord, type TenancyStore, type UnbindOutcome } from '../hq-store.js';
import { asPromise } from './as-promise.js';
import { writeTransaction } from '../../../src-node/sqlite/database.js';
import type { HqSqlite } from './open-sqlite.js';

interface DeviceRow {
  readonly device_id: string;
  readonly tenant_id: string;
  readonly name: string;
  readonly scope: DeviceScope;
  readonly installation_id: string | null;
  readonly created_at: string;
  readonly token_issued_at: string;
  readonly revoked_at: string | null;
  readonly last_seen_at: string | null;
  readonly app_version: string | null;
}

const deviceOf = (row: DeviceRow): DeviceRecord => ({
  deviceId: row.device_id,
  tenantId: row.tenant_id,
  name: row.name,
  scope: row.scope,
  installationId: row.installation_id,
  createdAt: row.created_at,
  tokenIssuedAt: row.token_issued_at,
  revokedAt: row.revoked_at,
  lastSeenAt: row.last_seen_at,
  appVersion: row.app_version,
});

const DEVICE_COLUMNS =
  'device_id, tenant_id, name, scope, installation_id, created_at, token_issued_at, revoked_at, last_seen_at, app_version';

export const createSqliteTenancy = ({ writer, reader }: HqSqlite): TenancyStore => {
  const statements = {
    addTenant: writer.prepare('INSERT INTO tenants (tenant_id, name, head, created_at) VALUES (?, ?, 0, ?)'),
    tenants: reader.prepare('SELECT tenant_id, name, created_at, head FROM tenants ORDER BY created_at, tenant_id'),
    tenantExists: writer.prepare('SELECT 1 FROM tenants WHERE tenant_id = ?').pluck(),
    addDevice: writer.prepare(
      `INSERT INTO devices (device_id, tenant_id, name, scope, token_hash, created_at, token_issued_at)
       VALUES (@deviceId, @tenantId, @name, @scope, @tokenHash, @createdAt, @createdAt)`,
    ),
    allDevices: reader.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY tenant_id, created_at, device_id`),
    device: reader.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE device_id = ?`),
    tenantDevices: reader.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE tenant_id = ? ORDER BY created_at, device_id`),
    credential: reader.prepare(
      `SELECT d.device_id, d.tenant_id, t.name AS tenant_name, d.name, d.scope, d.installation_id
       FROM devices d JOIN tenants t ON t.tenant_id = d.tenant_id
       WHERE d.token_hash = ? AND d.revoked_at IS NULL`,
    ),
    replaceToken: writer.prepare('UPDATE devices SET token_hash = ?, token_issued_at = ? WHERE device_id = ? AND revoked_at IS NULL'),
    revokedAt: writer.prepare('SELECT revoked_at FROM devices WHERE device_id = ?'),
    revoke: writer.prepare('UPDATE devices SET revoked_at = ? WHERE device_id = ?'),
    binding: writer.prepare('SELECT tenant_id, installation_id FROM devices WHERE device_id = ?'),
    unbind: writer.prepare('UPDATE devices SET installation_id = NULL WHERE device_id = ?'),
    seen: writer.prepare('UPDATE devices SET last_seen_at = @at WHERE device_id = @deviceId AND (last_seen_at IS NULL OR last_seen_at < @before)'),
    appVersions: reader
      .prepare('SELECT app_version FROM devices WHERE tenant_id = ? AND revoked_at IS NULL AND app_version IS NOT NULL')
      .pluck(),
  };

  return {
    addTenant: ({ tenantId, name, createdAt }) =>
      asPromise(() => {
        statements.addTenant.run(tenantId, name, createdAt);
      }),
    listTenants: () =>
      asPromise(() =>
        (statements.tenants.all() as { tenant_id: string; name: string; created_at: string; head: number }[]).map((row) => ({
          tenantId: row.tenant_id,
          name: row.name,
          createdAt: row.created_at,
          head: row.head,
        })),
      ),
    addDevice: (device) =>
      asPromise(() =>
        writeTransaction(writer, () => {
          if (statements.tenantExists.get(device.tenantId) === undefined) throw new UnknownTenantError(device.tenantId);
          statements.addDevice.run(device);
        }),
      ),
    listDevices: (tenantId) =>
      asPromise(() =>
        ((tenantId === undefined ? statements.allDevices.all() : statements.tenantDevices.all(tenantId)) as DeviceRow[]).map(deviceOf),
      ),
    getDevice: (deviceId) =>
      asPromise(() => {
        const row = statements.device.get(deviceId) as DeviceRow | undefined;
        return row && deviceOf(row);
      }),
    findCredential: (tokenHash) =>
      asPromise(() => {
        const row = statements.credential.get(tokenHash) as
          | { device_id: string; tenant_id: string; tenant_name: string; name: string; scope: DeviceScope; installation_id: string | null }
          | undefined;
        const credential: Credential | undefined = row && {
          deviceId: row.device_id,
          tenantId: row.tenant_id,
          tenantName: row.tenant_name,
          name: row.name,
          scope: row.scope,
          installationId: row.installation_id,
        };
        return credential;
      }),
    replaceToken: (deviceId, tokenHash, issuedAt) => asPromise(() => statements.replaceToken.run(tokenHash, issuedAt, deviceId).changes === 1),
    revokeDevice: (deviceId, revokedAt) =>
      asPromise(() =>
        writeTransaction(writer, () => {
          const row = statements.revokedAt.get(deviceId) as { revoked_at: string | null } | undefined;
          if (!row) return 'unknown' as const;
          if (row.revoked_at !== null) return 'already-revoked' as const;
          statements.revoke.run(revokedAt, deviceId);
          return 'revoked' as const;
        }),
      ),
    unbindInstallation: (deviceId) =>
      asPromise(() =>
        writeTransaction(writer, (): UnbindOutcome => {
          const row = statements.binding.get(deviceId) as { tenant_id: string; installation_id: string | null } | undefined;
          if (!row) return { kind: 'unknown' };
          if (row.installation_id === null) return { kind: 'not-bound', tenantId: row.tenant_id };
          statements.unbind.run(deviceId);
          return { kind: 'cleared', tenantId: row.tenant_id, installationId: row.installation_id };
        }),
      ),
    recordSeen: (deviceId, at) =>
      asPromise(() => {
        const before = new Date(Date.parse(at) - SEEN_RESOLUTION_MS).toISOString();
        statements.seen.run({ deviceId, at, before });
      }),
    activeAppVersions: (tenantId) => asPromise(() => statements.appVersions.all(tenantId) as string[]),
  };
};
