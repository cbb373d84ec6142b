/**
 * The HQ command lines of the README, as an operator runs them: `npm run hq -- …` prints the tenant id
 * or the token as its last line, stores only the token's hash, and `serve` prints its address once
 * it is ready. PostgreSQL is chosen by HQ_DATABASE_URL alone.
 */
import { describe, expect, inject, it } from 'vitest';
import { HealthResponseSchema, WhoamiResponseSchema } from '../../shared/contract/sync-protocol.js';
import { hashToken, TOKEN_PATTERN } from '../../src-server/tenancy/tokens.js';
import { runNpmScript } from '../support/child-process.js';
import { hqRequest, push, whoami } from '../support/hq-client.js';
import { postgresBackend, sqliteBackend, type HqDatabase } from '../support/hq-databases.js';
import { addClinic, newStreamId, streamEvents } from '../support/hq-fixtures.js';
import { lastLine, runHqCli, startHqProcess } from '../support/hq-process.js';
import { startHqServer } from '../support/hq-server.js';
import { tempDir } from '../support/tab-desk.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Through npm itself, to prove the `hq` script is wired as documented. */
const npmRunHq = (args: readonly string[], env: Readonly<Record<string, string>>) => runNpmScript('hq', args, env);

const expectOk = (result: { code: number | null; stdout: string; stderr: string }): string => {
  expect(result.stderr, result.stdout).toBe('');
  expect(result.code).toBe(0);
  return lastLine(result.stdout);
};

const tenancyScenario = async (db: HqDatabase): Promise<void> => {
  const cli = (args: readonly string[]) => runHqCli(db.cli, args);
  const tenantId = expectOk(await npmRunHq(['tenant', 'add', 'Gangnam Clinic', ...db.cli.args], db.cli.env));
  expect(tenantId).toMatch(UUID);

  const deskToken = expectOk(await cli(['device', 'add', '--tenant', tenantId, '--name', 'Front desk 1']));
  const kioskToken = expectOk(await cli(['device', 'add', '--tenant', tenantId, '--name', 'Lobby kiosk', '--scope', 'kiosk']));
  expect(deskToken).toMatch(TOKEN_PATTERN);
  expect(kioskToken).toMatch(TOKEN_PATTERN);
  expect(deskToken).not.toBe(kioskToken);

  const unknownTenant = await cli(['device', 'add', '--tenant', '0190a000-0000-7000-8000-00000000dead', '--name', 'x']);
  expect({ code: unknownTenant.code, stderr: unknownTenant.stderr.trim() }).toEqual({
    code: 1,
    stderr: 'hq: No tenant 0190a000-0000-7000-8000-00000000dead',
  });
  // not an id at all: a usage error, like an id in another case (below)
  const notAnId = await cli(['device', 'add', '--tenant', 'no-such-tenant', '--name', 'x']);
  expect({ code: notAnId.code, first: notAnId.stderr.split('\n')[0] }).toEqual({
    code: 2,
    first: 'hq: --tenant <id> must be a UUID in lower case, as HQ printed it',
  });

  const listed = await cli(['device', 'list', '--tenant', tenantId]);
  expectOk(listed);
  const list = listed.stdout.trimEnd().split('\n');
  expect(list).toHaveLength(2);
  expect(list.find((line) => line.includes('"Lobby kiosk"'))).toMatch(/ kiosk +active /);
  const deskLine = list.find((line) => line.includes('"Front desk 1"')) ?? '';
  expect(deskLine).toMatch(/ desk +active /);
  const deskId = deskLine.split(/\s+/)[0] ?? '';
  expect(deskId).toMatch(UUID);

  // only hashes are stored
  const dump = await db.dump();
  expect(dump).not.toContain(deskToken);
  expect(dump).not.toContain(kioskToken);
  expect(dump).toContain(hashToken(deskToken));

  const rotated = await cli(['device', 'rotate', deskId]);
  const newToken = expectOk(rotated);
  expect(newToken).toMatch(TOKEN_PATTERN);
  expect(newToken).not.toBe(deskToken);
  const afterRotation = await db.dump();
  expect(afterRotation).not.toContain(hashToken(deskToken));
  expect(afterRotation).toContain(hashToken(newToken));

  expect(expectOk(await cli(['device', 'revoke', deskId]))).toBe(`Revoked ${deskId}: its token is refused from now on.`);
  expect(expectOk(await cli(['device', 'revoke', deskId]))).toBe(`${deskId} was already revoked.`);
  expect((await cli(['device', 'list'])).stdout).toMatch(/ desk +revoked /);
};

describe('HQ command line', () => {
  it('tenant and device commands on SQLite: ids and tokens on the last line, hashes only in the database', async () => {
    await tenancyScenario(await sqliteBackend.create());
  });

  it('the same commands reach PostgreSQL when HQ_DATABASE_URL is set', async () => {
    const db = await postgresBackend(inject('hqPostgresUrl')).create();
    const tenantId = expectOk(await npmRunHq(['tenant', 'add', 'Seocho Clinic'], db.cli.env));
    const token = expectOk(await runHqCli(db.cli, ['device', 'add', '--tenant', tenantId, '--name', 'Front desk']));
    const store = await db.open();
    try {
      expect(await store.findCredential(hashToken(token))).toMatchObject({ tenantId, tenantName: 'Seocho Clinic', name: 'Front desk', scope: 'desk' });
    } finally {
      await store.close();
    }
    expect(expectOk(await runHqCli(db.cli, ['device', 'list']))).toMatch(/ desk +active .*"Front desk"$/);
  });

  it('serve --port 0 prints "HQ listening on http://127.0.0.1:<port>" once ready, serves its tokens, and stops on SIGTERM', async () => {
    const db = await sqliteBackend.create();
    const store = await db.open();
    const clinic = await addClinic(store);
    const desk = await clinic.addDevice();
    await store.close();
    const hq = await startHqProcess(db.cli, { logLevel: 'info' });
    try {
      expect(hq.stdout()).toMatch(/^HQ listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      expect(HealthResponseSchema.parse((await hqRequest(hq.url, '/v1/health')).body).ok).toBe(true);
      expect((await whoami(hq.url, desk.token)).status).toBe(200);
      // a device revoked by another process (the CLI) is refused at once: HQ caches no tokens
      const revoked = await runHqCli(db.cli, ['device', 'revoke', desk.deviceId]);
      expect(revoked.code).toBe(0);
      expect((await whoami(hq.url, desk.token)).status).toBe(401);
      expect(await hq.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await hq.kill();
    }
  });

  it('device rebind clears the installation binding, prints and logs it; exit 1 for an unknown device, 2 without one', async () => {
    const db = await sqliteBackend.create();
    const store = await db.open();
    const clinic = await addClinic(store);
    const desk = await clinic.addDevice();
    const hq = await startHqServer(store);
    try {
      await push(hq.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: streamEvents(newStreamId(), desk.installationId, 1, 1) });
      expect(WhoamiResponseSchema.parse((await whoami(hq.url, desk.token)).body).installationId).toBe(desk.installationId);

      const rebound = await runHqCli(db.cli, ['device', 'rebind', desk.deviceId]);
      expect({ code: rebound.code, stdout: rebound.stdout }).toEqual({
        code: 0,
        stdout: `Cleared the installation binding of ${desk.deviceId} (was ${desk.installationId}): its next push binds its installation.\n`,
      });
      const logged = rebound.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toEqual([
        {
          level: 30,
          time: expect.any(Number),
          msg: 'installation binding cleared',
          deviceId: desk.deviceId,
          tenantId: clinic.tenantId,
          previousInstallationId: desk.installationId,
        },
      ]);
      // the serving HQ sees it at once: no installation until the next push binds one
      expect(WhoamiResponseSchema.parse((await whoami(hq.url, desk.token)).body).installationId).toBeUndefined();

      const again = await runHqCli(db.cli, ['device', 'rebind', desk.deviceId]);
      expect({ code: again.code, stderr: again.stderr, last: lastLine(again.stdout) }).toEqual({
        code: 0,
        stderr: '',
        last: `${desk.deviceId} has no installation binding; nothing changed. Its next push binds its installation.`,
      });
      const unknown = await runHqCli(db.cli, ['device', 'rebind', '0190a000-0000-7000-8000-00000000dead']);
      expect({ code: unknown.code, stderr: unknown.stderr.trim() }).toEqual({ code: 1, stderr: 'hq: No device 0190a000-0000-7000-8000-00000000dead' });
      const usage = await runHqCli(db.cli, ['device', 'rebind']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('device rebind <deviceId>');
    } finally {
      await hq.stop();
      await store.close();
    }
  });

  it('refuses a tenant or device id in another case (exit 2, the usage), changing nothing — on SQLite as on PostgreSQL', async () => {
    for (const db of [await sqliteBackend.create(), await postgresBackend(inject('hqPostgresUrl')).create()]) {
      const store = await db.open();
      const clinic = await addClinic(store);
      const desk = await clinic.addDevice();
      await store.close();
      const before = await db.dump();
      const upperDevice = desk.deviceId.toUpperCase();
      for (const args of [
        ['device', 'rotate', upperDevice],
        ['device', 'revoke', upperDevice],
        ['device', 'rebind', upperDevice],
        ['device', 'add', '--tenant', clinic.tenantId.toUpperCase(), '--name', 'Front desk 2'],
        ['device', 'list', '--tenant', clinic.tenantId.toUpperCase()],
      ]) {
        const result = await runHqCli(db.cli, args);
        expect({ args: args.join(' '), code: result.code, stdout: result.stdout }).toEqual({ args: args.join(' '), code: 2, stdout: '' });
        expect(result.stderr).toMatch(/^hq: (the device id|--tenant <id>) must be a UUID in lower case, as HQ printed it\nusage: npm run hq/);
      }
      expect(await db.dump()).toBe(before);
      // the id as HQ printed it still works
      expect((await runHqCli(db.cli, ['device', 'rotate', desk.deviceId])).code).toBe(0);
    }
  });

  it('refuses an unknown command or option with the usage and exit code 2', async () => {
    const dataDir = tempDir('hq-usage');
    for (const args of [['fly'], ['serve', '--port', 'eighty'], ['serve', '--max-pull-bytes', '0'], ['serve', '--max-pull-bytes', '8MiB'], ['serve', '--max-pull-bytes', '268435457'], ['device', 'add', '--tenant', 't', '--name', 'n', '--scope', 'admin']]) {
      const result = await runHqCli({ args: ['--data', dataDir], env: {} }, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('usage: npm run hq');
    }
  });
});
