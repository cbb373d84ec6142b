/** Tenants and devices in PostgreSQL. */
import type pg from 'pg';
import type { DeviceScope } from '../../../shared/contract/sync-protocol.js';
import { SEEN_RESOLUTION_MS, UnknownTenantError, type DeviceRecord, type TenancyStore } from '../hq-store.js';

interface DeviceRow {
  readonly device_id: string;
  readonly tenant_id: string;
  readonly name: string;
  readonly scope: DeviceScope;
  readonly installation_id: string | null;
  readonly created_at: Date;
  readonly token_issued_at: Date;
  readonly revoked_at: Date | null;
  readonly last_seen_at: Date | null;
  readonly app_version: string | null;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

const deviceOf = (row: DeviceRow): DeviceRecord => ({
  deviceId: row.device_id,
  tenantId: row.tenant_id,
  name: row.name,
  scope: row.scope,
  installationId: row.installation_id,
  createdAt: row.created_at.toISOString(),
  tokenIssuedAt: row.token_issued_at.toISOString(),
  revokedAt: iso(row.revoked_at),
  lastSeenAt: iso(row.last_seen_at),
  appVersion: row.app_version,
});

const DEVICE_COLUMNS =
  'device_id, tenant_id, name, scope, installation_id, created_at, token_issued_at, revoked_at, last_seen_at, app_version';

const FOREIGN_KEY_VIOLATION = '23503';

export const createPostgresTenancy = (pool: pg.Pool): TenancyStore => ({
  addTenant: async ({ tenantId, name, createdAt }) => {
    await pool.query('INSERT INTO tenants (tenant_id, name, head, created_at) VALUES ($1, $2, 0, $3)', [tenantId, name, createdAt]);
  },
  listTenants: async () => {
    const { rows } = await pool.query<{ tenant_id: string; name: string; created_at: Date; head: string }>(
      'SELECT tenant_id, name, created_at, head FROM tenants ORDER BY created_at, tenant_id',
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, name: row.name, createdAt: row.created_at.toISOString(), head: Number(row.head) }));
  },
  addDevice: async (device) => {
    try {
      await pool.query(
        `INSERT INTO devices (device_id, tenant_id, name, scope, token_hash, created_at, token_issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [device.deviceId, device.tenantId, device.name, device.scope, device.tokenHash, device.createdAt],
      );
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === FOREIGN_KEY_VIOLATION) throw new UnknownTenantError(device.tenantId);
      throw error;
    }
  },
  listDevices: async (tenantId) => {
    const { rows } =
      tenantId === undefined
        ? await pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY tenant_id, created_at, device_id`)
        : await pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE tenant_id = $1 ORDER BY created_at, device_id`, [tenantId]);
    return rows.map(deviceOf);
  },
  getDevice: async (deviceId) => {
    const { rows } = await pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE device_id = $1`, [deviceId]);
    const row = rows[0];
    return row && deviceOf(row);
  },
  findCredential: async (tokenHash) => {
    const { rows } = await pool.query<{
      device_id: string;
      tenant_id: string;
      tenant_name: string;
      name: string;
      scope: DeviceScope;
      installation_id: string | null;
    }>(
      `SELECT d.device_id, d.tenant_id, t.name AS tenant_name, d.name, d.scope, d.installation_id
       FROM devices d JOIN tenants t ON t.tenant_id = d.tenant_id
       WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
      [tokenHash],
    );
    const row = rows[0];
    return (
      row && {
        deviceId: row.device_id,
        tenantId: row.tenant_id,
        tenantName: row.tenant_name,
        name: row.name,
        scope: row.scope,
        installationId: row.installation_id,
      }
    );
  },
  replaceToken: async (deviceId, tokenHash, issuedAt) => {
    const result = await pool.query('UPDATE devices SET token_hash = $2, token_issued_at = $3 WHERE device_id = $1 AND revoked_at IS NULL', [
      deviceId,
      tokenHash,
      issuedAt,
    ]);
    return result.rowCount === 1;
  },
  revokeDevice: async (deviceId, revokedAt) => {
    const revoked = await pool.query('UPDATE devices SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL', [deviceId, revokedAt]);
    if (revoked.rowCount === 1) return 'revoked';
    // revocation never goes back, so a second look cannot contradict the first
    const known = await pool.query('SELECT 1 FROM devices WHERE device_id = $1', [deviceId]);
    return known.rowCount === 1 ? 'already-revoked' : 'unknown';
  },
  unbindInstallation: async (deviceId) => {
    // one statement: the row is locked, read as it was, and cleared only when bound
    const { rows } = await pool.query<{ tenant_id: string; installation_id: string | null }>(
      `WITH old AS (SELECT device_id, tenant_id, installation_id FROM devices WHERE device_id = $1 FOR UPDATE),
            cleared AS (UPDATE devices SET installation_id = NULL
                        WHERE device_id IN (SELECT device_id FROM old WHERE installation_id IS NOT NULL))
       SELECT tenant_id, installation_id FROM old`,
      [deviceId],
    );
    const row = rows[0];
    if (!row) return { kind: 'unknown' };
    if (row.installation_id === null) return { kind: 'not-bound', tenantId: row.tenant_id };
    return { kind: 'cleared', tenantId: row.tenant_id, installationId: row.installation_id };
  },
  recordSeen: async (deviceId, at) => {
    const before = new Date(Date.parse(at) - SEEN_RESOLUTION_MS).toISOString();
    await pool.query('UPDATE devices SET last_seen_at = $2 WHERE device_id = $1 AND (last_seen_at IS NULL OR last_seen_at < $3)', [
      deviceId,
      at,
      before,
    ]);
  },
  activeAppVersions: async (tenantId) => {
    const { rows } = await pool.query<{ app_version: string }>(
      'SELECT app_version FROM devices WHERE tenant_id = $1 AND revoked_at IS NULL AND app_version IS NOT NULL',
      [tenantId],
    );
    return rows.map((row) => row.app_version);
  },
});
