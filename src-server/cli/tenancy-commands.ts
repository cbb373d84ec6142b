/**
 * `hq tenant …` and `hq device …` (README, "HQ sync server"). Each command prints what it did; the
 * value a script needs (tenant id, token) is the last line of stdout. `device rebind` also logs
 * what it did.
 */
import { DeviceScope } from '../../shared/contract/sync-protocol.js';
import { Uuid } from '../../shared/contract/values.js';
import type { DeviceRecord, HqStore } from '../store/hq-store.js';
import { UnknownTenantError } from '../store/hq-store.js';
import { createTenancy } from '../tenancy/tenancy.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A refusal worth one line on stderr and exit code 1 (unknown tenant or device). */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}

export interface CommandInput {
  readonly positionals: readonly string[];
  readonly tenant: string | undefined;
  readonly name: string | undefined;
  readonly scope: string | undefined;
}

export type Print = (line: string) => void;
/** A structured log line (pino's shape, on stderr like serve's logs) for changes an operator must be able to trace. */
export type Log = (msg: string, fields: Record<string, string>) => void;

const deviceLine = (device: DeviceRecord): string =>
  [
    device.deviceId,
    device.tenantId,
    device.scope.padEnd(5),
    (device.revokedAt ? 'revoked' : 'active').padEnd(7),
    `installation=${device.installationId ?? '-'}`,
    `lastSeen=${device.lastSeenAt ?? '-'}`,
    `app=${device.appVersion ?? '-'}`,
    JSON.stringify(device.name),
  ].join('  ');

const required = (value: string | undefined, what: string): string => {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing ${what}`);
  return value;
};

/**
 * A tenant or device id as the desk and the protocol take it: one canonical form, lower-case UUID
 * text. Another case is a usage error on every store alike (never "no such device" on one and a
 * match on another).
 */
const id = (value: string | undefined, what: string): string => {
  const given = required(value, what);
  if (!Uuid.safeParse(given).success) throw new UsageError(`${what} must be a UUID in lower case, as HQ printed it`);
  return given;
};

export const runTenancyCommand = async (store: HqStore, group: string, input: CommandInput, print: Print, log: Log): Promise<void> => {
  const tenancy = createTenancy(store);
  const [action, argument] = input.positionals;
  const command = `${group} ${action ?? ''}`.trim();
  switch (command) {
    case 'tenant add': {
      const tenant = await tenancy.addTenant(required(argument, 'the tenant name'));
      print(`Tenant added: ${tenant.name}`);
      print(tenant.tenantId);
      return;
    }
    case 'tenant list': {
      for (const tenant of await store.listTenants()) print(`${tenant.tenantId}  head=${tenant.head}  ${JSON.stringify(tenant.name)}`);
      return;
    }
    case 'device add': {
      const scope = DeviceScope.safeParse(input.scope ?? 'desk');
      if (!scope.success) throw new UsageError('--scope must be desk or kiosk');
      const tenantId = id(input.tenant, '--tenant <id>');
      try {
        const { device, token } = await tenancy.addDevice({ tenantId, name: required(input.name, '--name <name>'), scope: scope.data });
        print(`Device added: ${device.name} (${device.scope}) for tenant ${device.tenantId}`);
        print(`Device id: ${device.deviceId}`);
        print('Token (shown once; HQ keeps only its hash):');
        print(token);
      } catch (error) {
        if (error instanceof UnknownTenantError) throw new CommandFailed(error.message);
        throw error;
      }
      return;
    }
    case 'device list': {
      const tenantId = input.tenant === undefined ? undefined : id(input.tenant, '--tenant <id>');
      for (const device of await store.listDevices(tenantId)) print(deviceLine(device));
      return;
    }
    case 'device rotate': {
      const issued = await tenancy.rotateToken(id(argument, 'the device id'));
      if (!issued) throw new CommandFailed(`No active device ${argument}`);
      print(`New token for ${issued.device.name} (${issued.device.deviceId}); the old token no longer works, the installation binding stays.`);
      print(issued.token);
      return;
    }
    case 'device revoke': {
      const deviceId = id(argument, 'the device id');
      const outcome = await tenancy.revokeDevice(deviceId);
      if (outcome === 'unknown') throw new CommandFailed(`No device ${deviceId}`);
      print(outcome === 'revoked' ? `Revoked ${deviceId}: its token is refused from now on.` : `${deviceId} was already revoked.`);
      return;
    }
    case 'device rebind': {
      const deviceId = id(argument, 'the device id');
      const outcome = await tenancy.rebindDevice(deviceId);
      switch (outcome.kind) {
        case 'unknown':
          throw new CommandFailed(`No device ${deviceId}`);
        case 'not-bound':
          print(`${deviceId} has no installation binding; nothing changed. Its next push binds its installation.`);
          return;
        case 'cleared':
          log('installation binding cleared', { deviceId, tenantId: outcome.tenantId, previousInstallationId: outcome.installationId });
          print(`Cleared the installation binding of ${deviceId} (was ${outcome.installationId}): its next push binds its installation.`);
          return;
      }
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
};
