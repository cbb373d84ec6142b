import { describe, expect, it } from 'vitest';
import { HealthResponseSchema, WhoamiResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { packageVersion } from '../../../src-server/settings.js';
import { createTenancy } from '../../../src-server/tenancy/tenancy.js';
import { hqRequest, pull, push, whoami } from '../../support/hq-client.js';
import { addClinic, envelope, newStreamId } from '../../support/hq-fixtures.js';
import type { ContractContext } from './context.js';

export const identityContract = (ctx: ContractContext): void => {
  describe('health and whoami', () => {
    it('publishes health without a token: version, server time, minimum client version and limits', async () => {
      const before = new Date().toISOString();
      const reply = await hqRequest(ctx.url, '/v1/health');
      const after = new Date().toISOString();
      expect(reply.status).toBe(200);
      const health = HealthResponseSchema.parse(reply.body);
      expect(health).toEqual({
        ok: true,
        version: packageVersion(),
        logId: ctx.store.logId,
        serverTime: expect.any(String),
        minClientVersion: ctx.hq.settings.minClientVersion,
        limits: ctx.hq.settings.limits,
      });
      expect(health.serverTime >= before && health.serverTime <= after).toBe(true);
    });

    it('tells a device who it is; the installation appears once its first push has bound it', async () => {
      const clinic = await addClinic(ctx.store, 'Apgujeong clinic');
      const desk = await clinic.addDevice('Front desk', 'desk');
      const kiosk = await clinic.addDevice('Lobby kiosk', 'kiosk');
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, desk.token)).body)).toEqual({
        tenantId: clinic.tenantId,
        tenantName: 'Apgujeong clinic',
        deviceId: desk.deviceId,
        name: 'Front desk',
        scope: 'desk',
        lowestActiveAppVersion: null,
      });
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, kiosk.token)).body)).toMatchObject({ deviceId: kiosk.deviceId, scope: 'kiosk' });

      await push(ctx.url, desk.token, {
        deviceId: desk.installationId,
        appVersion: '0.1.0',
        events: [envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId })],
      });
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, desk.token)).body)).toMatchObject({ installationId: desk.installationId });
    });

    it("returns the lowest app version among the clinic's active devices, ignoring revoked ones", async () => {
      const clinic = await addClinic(ctx.store);
      const older = await clinic.addDevice();
      const newer = await clinic.addDevice();
      const pushFrom = (device: typeof older, appVersion: string) =>
        push(ctx.url, device.token, {
          deviceId: device.installationId,
          appVersion,
          events: [envelope({ streamId: newStreamId(), version: 1, installationId: device.installationId, appVersion })],
        });
      await pushFrom(older, '1.2.0');
      await pushFrom(newer, '1.10.0'); // a string comparison would call this the lower one
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, newer.token)).body).lowestActiveAppVersion).toBe('1.2.0');
      await createTenancy(ctx.store).revokeDevice(older.deviceId);
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, newer.token)).body).lowestActiveAppVersion).toBe('1.10.0');
    });

    it("records each device's last seen time and the app version of its pushes", async () => {
      const { desk } = await ctx.newClinic();
      expect(await ctx.store.getDevice(desk.deviceId)).toMatchObject({ lastSeenAt: null, appVersion: null });
      await pull(ctx.url, desk.token);
      const seen = await ctx.store.getDevice(desk.deviceId);
      expect(seen?.lastSeenAt).toEqual(expect.any(String));
      await push(ctx.url, desk.token, {
        deviceId: desk.installationId,
        appVersion: '0.3.1',
        events: [envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId })],
      });
      expect(await ctx.store.getDevice(desk.deviceId)).toMatchObject({ appVersion: '0.3.1', installationId: desk.installationId });
    });

    it('answers unknown routes with 404 and the error body', async () => {
      const reply = await hqRequest(ctx.url, '/v1/nothing-here');
      expect({ status: reply.status, body: reply.body }).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: expect.any(String) } } });
    });

    it('tags every answer with a request id, taking a well-formed one from the caller', async () => {
      const given = await hqRequest(ctx.url, '/v1/health', { headers: { 'x-request-id': 'lb-7f3a9c21' } });
      expect(given.headers.get('x-request-id')).toBe('lb-7f3a9c21');
      await ctx.hq.logs.waitFor((line) => line.reqId === 'lb-7f3a9c21' && line.msg === 'request completed');
      const hostile = await hqRequest(ctx.url, '/v1/health', { headers: { 'x-request-id': '"}, "level": 60, "forged": "yes' } });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });
  });
};
