/**
 * Hostile and mistaken requests: each gets the right status and error code, and the database is
 * byte-for-byte unchanged afterwards (every table dumped before and after).
 */
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema, WhoamiResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { createTenancy } from '../../../src-server/tenancy/tenancy.js';
import { newDeviceToken } from '../../../src-server/tenancy/tokens.js';
import { hqRequest, pull, push, whoami, type RequestOptions } from '../../support/hq-client.js';
import { addClinic, envelope, newStreamId, streamEvents, type TestDevice } from '../../support/hq-fixtures.js';
import { isMessage } from '../../support/log-lines.js';
import { expectError, type ContractContext } from './context.js';

const pushBody = (device: TestDevice, count = 1) => ({
  deviceId: device.installationId,
  appVersion: '0.1.0',
  events: streamEvents(newStreamId(), device.installationId, 1, count),
});

/** A JSON text whose event data nests `depth` objects deep, built as text (JSON.stringify itself recurses). */
const nestedBody = (device: TestDevice, depth: number): string => {
  const event = envelope({ streamId: newStreamId(), version: 1, installationId: device.installationId, data: { placeholder: 0 } });
  const data = '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
  const text = JSON.stringify({ deviceId: device.installationId, appVersion: '0.1.0', events: [event] });
  return text.replace('{"placeholder":0}', data);
};

/** Long-polls in these tests wait longer than the test may run: one left waiting fails the test. */
const NEVER_MS = 100_000;
const WAKE_TEST_TIMEOUT_MS = 20_000;

const statusesOf = (body: unknown) => PushResponseSchema.parse(body).results.map((result) => result.status);

export const securityContract = (ctx: ContractContext): void => {
  describe('security', () => {
    it('refuses a missing, malformed, unknown or made-up token with 401 on every endpoint, changing nothing', async () => {
      const { desk } = await ctx.newClinic();
      const endpoints: { path: string; options: RequestOptions }[] = [
        { path: '/v1/push', options: { json: pushBody(desk) } },
        { path: '/v1/events?after=0', options: {} },
        { path: '/v1/whoami', options: {} },
      ];
      const authorizations = [
        undefined,
        `Basic ${Buffer.from('desk:secret').toString('base64')}`,
        'Bearer',
        `Bearer ${desk.token} extra`,
        `bearer-ish ${desk.token}`,
        `Bearer ${newDeviceToken()}`, // well-formed, never issued
        `Bearer ${desk.token.slice(0, -1)}`,
        "Bearer ' OR 1=1 --",
      ];
      for (const { path, options } of endpoints) {
        for (const authorization of authorizations) {
          const reply = await ctx.unchanged(() =>
            hqRequest(ctx.url, path, { ...options, headers: authorization === undefined ? {} : { authorization } }),
          );
          expectError(reply, 401, 'UNAUTHENTICATED');
        }
      }
    });

    it('refuses a revoked token at once', async () => {
      const { desk } = await ctx.newClinic();
      expect((await whoami(ctx.url, desk.token)).status).toBe(200);
      expect(await createTenancy(ctx.store).revokeDevice(desk.deviceId)).toBe('revoked');
      await ctx.unchanged(async () => {
        expectError(await push(ctx.url, desk.token, pushBody(desk)), 401, 'UNAUTHENTICATED');
        expectError(await pull(ctx.url, desk.token), 401, 'UNAUTHENTICATED');
        expectError(await whoami(ctx.url, desk.token), 401, 'UNAUTHENTICATED');
      });
    });

    it(
      'answers a waiting pull whose token was revoked or rotated meanwhile (from another process) with 401, never with the events that woke it',
      async () => {
        const clinic = await addClinic(ctx.store);
        const [revoked, rotated, writer] = [await clinic.addDevice(), await clinic.addDevice(), await clinic.addDevice()];
        const waiting = [revoked, rotated].map((device) => {
          const requestId = `revoked-${v7()}`;
          return { requestId, reply: pull(ctx.url, device.token, { after: 0, waitMs: NEVER_MS }, { headers: { 'x-request-id': requestId } }) };
        });
        for (const { requestId } of waiting) await ctx.hq.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
        // as the CLI or another HQ process would: through a store of its own on the same database
        const elsewhere = await ctx.db.open();
        try {
          expect(await createTenancy(elsewhere).revokeDevice(revoked.deviceId)).toBe('revoked');
          expect(await createTenancy(elsewhere).rotateToken(rotated.deviceId)).toBeDefined();
        } finally {
          await elsewhere.close();
        }
        const woke = PushResponseSchema.parse((await push(ctx.url, writer.token, pushBody(writer))).body);
        expect(woke.results.map((result) => result.status)).toEqual(['accepted']);
        for (const { reply } of waiting) expectError(await reply, 401, 'UNAUTHENTICATED');
      },
      WAKE_TEST_TIMEOUT_MS,
    );

    it('keeps the installation binding across a token rotation and refuses the old token', async () => {
      const { desk } = await ctx.newClinic();
      expect((await push(ctx.url, desk.token, pushBody(desk))).status).toBe(200);
      const rotated = await createTenancy(ctx.store).rotateToken(desk.deviceId);
      if (!rotated) throw new Error('rotation failed');
      await ctx.unchanged(async () => expectError(await whoami(ctx.url, desk.token), 401, 'UNAUTHENTICATED'));
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, rotated.token)).body)).toMatchObject({
        deviceId: desk.deviceId,
        installationId: desk.installationId,
      });
      const renewed = { ...desk, token: rotated.token };
      expect(PushResponseSchema.parse((await push(ctx.url, renewed.token, pushBody(renewed))).body).results[0]?.status).toBe('accepted');
      const elsewhere = { ...renewed, installationId: '0190a000-0000-7000-8000-00000000beef' };
      await ctx.unchanged(async () => expectError(await push(ctx.url, rotated.token, pushBody(elsewhere)), 403, 'INSTALLATION_MISMATCH'));
    });

    it('takes pushes from a new installation once the device is rebound at HQ (a desk restored from a backup), and no longer from the old one', async () => {
      const { desk } = await ctx.newClinic();
      const restored = { ...desk, installationId: v7() };
      expect((await push(ctx.url, desk.token, pushBody(desk))).status).toBe(200);
      await ctx.unchanged(async () => expectError(await push(ctx.url, desk.token, pushBody(restored)), 403, 'INSTALLATION_MISMATCH'));

      const tenancy = createTenancy(ctx.store);
      const { tenantId } = WhoamiResponseSchema.parse((await whoami(ctx.url, desk.token)).body);
      expect(await tenancy.rebindDevice(desk.deviceId)).toEqual({ kind: 'cleared', tenantId, installationId: desk.installationId });
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, desk.token)).body).installationId).toBeUndefined();
      expect(await ctx.store.getDevice(desk.deviceId)).toMatchObject({ installationId: null });
      expect(await tenancy.rebindDevice(desk.deviceId)).toEqual({ kind: 'not-bound', tenantId });
      expect(await tenancy.rebindDevice(v7())).toEqual({ kind: 'unknown' });

      expect(statusesOf((await push(ctx.url, desk.token, pushBody(restored))).body)).toEqual(['accepted']);
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, desk.token)).body).installationId).toBe(restored.installationId);
      await ctx.unchanged(async () => expectError(await push(ctx.url, desk.token, pushBody(desk)), 403, 'INSTALLATION_MISMATCH'));
    });

    it('refuses pushes from an installation other than the bound one, and forged installation fields', async () => {
      const { desk } = await ctx.newClinic();
      expect((await push(ctx.url, desk.token, pushBody(desk))).status).toBe(200);
      const other = { ...desk, installationId: '0190a000-0000-7000-8000-0000000000aa' };
      await ctx.unchanged(async () => {
        // another installation using this device's token
        expectError(await push(ctx.url, desk.token, pushBody(other)), 403, 'INSTALLATION_MISMATCH');
        // the right installation in the body, but an event claiming to come from another one
        const forged = envelope({ streamId: newStreamId(), version: 1, installationId: other.installationId });
        const body = { ...pushBody(desk, 2), events: [...pushBody(desk, 2).events, forged] };
        expectError(await push(ctx.url, desk.token, body), 403, 'INSTALLATION_MISMATCH');
      });
    });

    it('binds the first installation only once, even for a device that has not pushed yet', async () => {
      const { desk } = await ctx.newClinic();
      const forged = envelope({ streamId: newStreamId(), version: 1, installationId: '0190a000-0000-7000-8000-0000000000ab' });
      // a first push whose events disagree with its own installation id binds nothing
      await ctx.unchanged(async () =>
        expectError(await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events: [forged] }), 403, 'INSTALLATION_MISMATCH'),
      );
      expect(WhoamiResponseSchema.parse((await whoami(ctx.url, desk.token)).body).installationId).toBeUndefined();
    });

    it("keeps clinics apart: another clinic's token neither reads these events nor writes into this tenant", async () => {
      const home = await ctx.newClinic();
      const other = await ctx.newClinic();
      await push(ctx.url, home.desk.token, pushBody(home.desk, 3));
      expect(PullResponseSchema.parse((await pull(ctx.url, other.desk.token)).body).events).toEqual([]);

      const naming = (tenantId: string) => envelope({ streamId: newStreamId(), version: 1, installationId: other.desk.installationId, tenantId });
      await ctx.unchanged(async () => {
        // one forged envelope fails the whole request, the valid ones with it
        const body = { ...pushBody(other.desk, 2), events: [...pushBody(other.desk, 2).events, naming(home.tenantId)] };
        expectError(await push(ctx.url, other.desk.token, body), 403, 'TENANT_MISMATCH');
        expectError(await push(ctx.url, other.desk.token, { ...pushBody(other.desk), events: [naming('another-tenant')] }), 403, 'TENANT_MISMATCH');
      });
    });

    it('lets two clinics hold the same event id: ids are unique per tenant', async () => {
      const first = await ctx.newClinic();
      const second = await ctx.newClinic();
      const shared = envelope({ streamId: newStreamId(), version: 1, installationId: first.desk.installationId });
      const copy = { ...envelope({ streamId: shared.streamId, version: 1, installationId: second.desk.installationId }), eventId: shared.eventId };
      for (const [clinic, event] of [
        [first, shared],
        [second, copy],
      ] as const) {
        const reply = await push(ctx.url, clinic.desk.token, { deviceId: clinic.desk.installationId, appVersion: '0.1.0', events: [event] });
        expect(PushResponseSchema.parse(reply.body).results).toEqual([{ eventId: shared.eventId, status: 'accepted', serverPosition: 1 }]);
        const page = PullResponseSchema.parse((await pull(ctx.url, clinic.desk.token)).body);
        expect(page.events.map((pulled) => [pulled.eventId, pulled.tenantId, pulled.meta.deviceId])).toEqual([
          [shared.eventId, clinic.tenantId, clinic.desk.installationId],
        ]);
      }
    });

    it('keeps a kiosk token off the desk endpoints (push and pull of the whole log); whoami stays open to it', async () => {
      const clinic = await ctx.newClinic();
      await push(ctx.url, clinic.desk.token, pushBody(clinic.desk));
      const kiosk = await clinic.addDevice('Lobby kiosk', 'kiosk');
      await ctx.unchanged(async () => {
        expectError(await push(ctx.url, kiosk.token, pushBody(kiosk)), 403, 'SCOPE_FORBIDDEN');
        expectError(await pull(ctx.url, kiosk.token), 403, 'SCOPE_FORBIDDEN');
        expectError(await pull(ctx.url, kiosk.token, { waitMs: 1000 }), 403, 'SCOPE_FORBIDDEN');
      });
      expect((await whoami(ctx.url, kiosk.token)).status).toBe(200);
    });

    it('refuses malformed bodies with 400, changing nothing', async () => {
      const { desk } = await ctx.newClinic();
      const valid = pushBody(desk);
      const [event] = valid.events;
      const { eventId: _eventId, ...withoutId } = event ?? {};
      const malformed: RequestOptions[] = [
        { raw: '{"deviceId": ' },
        { raw: '' },
        { raw: 'null' },
        { raw: '[]' },
        { raw: JSON.stringify(valid), contentType: 'text/plain' },
        { raw: JSON.stringify(valid), contentType: 'application/x-www-form-urlencoded' },
        { json: { ...valid, events: 'all of them' } },
        { json: { ...valid, events: [1, 2] } },
        { json: { ...valid, events: null } },
        { json: { ...valid, deviceId: 'front-desk' } },
        { json: { ...valid, deviceId: 42 } },
        { json: { ...valid, appVersion: 'one' } },
        { json: { ...valid, events: [withoutId] } },
        { json: { ...valid, events: [{ ...event, eventId: 'not-a-uuid' }] } },
        { json: { ...valid, tenantId: 'smuggled' } },
        { raw: JSON.stringify(valid).replace('{', '{"__proto__":{"admin":true},') },
        { raw: nestedBody(desk, 10_000) },
        { raw: '['.repeat(100_000) + ']'.repeat(100_000) },
      ];
      for (const options of malformed) {
        const reply = await ctx.unchanged(() => hqRequest(ctx.url, '/v1/push', { ...options, token: desk.token }));
        expectError(reply, 400, 'MALFORMED');
      }
    });

    it('accepts nesting up to the published depth and refuses one level more', async () => {
      const { desk } = await ctx.newClinic();
      // body › events › event: 3 levels above the nested data
      const deepest = ctx.hq.settings.limits.maxJsonDepth - 3;
      const accepted = await hqRequest(ctx.url, '/v1/push', { raw: nestedBody(desk, deepest), token: desk.token });
      expect(PushResponseSchema.parse(accepted.body).results[0]?.status).toBe('accepted');
      const refused = await ctx.unchanged(() => hqRequest(ctx.url, '/v1/push', { raw: nestedBody(desk, deepest + 1), token: desk.token }));
      expectError(refused, 400, 'MALFORMED');
    });

    it('refuses oversized bodies with 413 (or 401 first without a token), changing nothing', async () => {
      const { desk } = await ctx.newClinic();
      const tenMegabytes = JSON.stringify({ ...pushBody(desk), padding: 'x'.repeat(10 * 1024 * 1024) });
      await ctx.unchanged(async () => {
        expectError(await hqRequest(ctx.url, '/v1/push', { raw: tenMegabytes, token: desk.token }), 413, 'BODY_TOO_LARGE');
        expectError(await hqRequest(ctx.url, '/v1/push', { raw: tenMegabytes }), 401, 'UNAUTHENTICATED');
        const tooMany = pushBody(desk, ctx.hq.settings.limits.maxEventsPerPush + 1);
        expectError(await push(ctx.url, desk.token, tooMany), 413, 'TOO_MANY_EVENTS');
      });
    });
  });
};
