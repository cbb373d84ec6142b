/**
 * HQ's PostgreSQL store against a server set up otherwise than the defaults: a push from another
 * installation is refused without queueing behind the tenant's other pushes, a server whose
 * default isolation is REPEATABLE READ still takes concurrent pushes, and a database whose
 * DateStyle is not ISO still gives ISO dates (pg reads timestamptz text only in ISO form).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parsePulledEvents } from '../../src-server/log/pulled-event.js';
import type { HqStore, PushOutcome } from '../../src-server/store/hq-store.js';
import { openPostgresHqStore } from '../../src-server/store/postgres/postgres-hq-store.js';
import { addClinic, newStreamId, storePush, streamEvents } from '../support/hq-fixtures.js';
import { createTestDatabase, withClient } from '../support/postgres-database.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';

const pushOf = (tenantId: string, deviceId: string, installationId: string, count = 3) =>
  storePush(tenantId, { deviceId, installationId }, streamEvents(newStreamId(), installationId, 1, count));

/** The outcome, or 'still waiting' when it has not come within `ms` (the caller then unblocks it). */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe('HQ on PostgreSQL set up otherwise', () => {
  let url: string;
  let store: HqStore;

  beforeAll(async () => {
    url = await createTestDatabase(inject('hqPostgresUrl'), 'hq_sessions');
    const database = new URL(url).pathname.slice(1);
    await withClient(url, async (client) => {
      await client.query(`ALTER DATABASE "${database}" SET DateStyle = 'SQL, DMY'`);
      await client.query(`ALTER DATABASE "${database}" SET TimeZone = 'Asia/Seoul'`);
      await client.query(`ALTER DATABASE "${database}" SET default_transaction_isolation = 'repeatable read'`);
    });
    store = await openPostgresHqStore(url);
  });

  afterAll(async () => {
    await store.close();
  });

  it('refuses a push from another installation while another push holds the tenant, without waiting for it', async () => {
    const clinic = await addClinic(store);
    const desk = await clinic.addDevice();
    const first = await store.push(pushOf(clinic.tenantId, desk.deviceId, desk.installationId));
    expect(first.kind).toBe('done');
    await withClient(url, async (holder) => {
      await holder.query('BEGIN');
      await holder.query('SELECT head FROM tenants WHERE tenant_id = $1 FOR UPDATE', [clinic.tenantId]);
      const pending = store.push(pushOf(clinic.tenantId, desk.deviceId, '019a0000-0000-7000-8000-00000000beef'));
      try {
        expect(await within(pending, 3_000)).toEqual({ kind: 'installation-mismatch' });
      } finally {
        await holder.query('ROLLBACK');
        await pending.catch(() => undefined);
      }
    });
  });

  it('takes concurrent pushes of one tenant in turn, gap-free, although the server defaults to REPEATABLE READ', async () => {
    const clinic = await addClinic(store);
    const desks = await Promise.all([clinic.addDevice(), clinic.addDevice(), clinic.addDevice()]);
    const outcomes: PushOutcome[] = await Promise.all(
      desks.flatMap((desk) => [1, 2, 3].map(() => store.push(pushOf(clinic.tenantId, desk.deviceId, desk.installationId, 5)))),
    );
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(Array.from({ length: 9 }, () => 'done'));
    const page = await store.readEvents(clinic.tenantId, 0, 1_000, DEFAULT_LIMITS.maxPullBytes);
    expect(parsePulledEvents(page.events).map((event) => event.serverPosition)).toEqual(Array.from({ length: 45 }, (_, index) => index + 1));
    expect(page.head).toBe(45);
  });

  it('gives ISO dates although the database says DateStyle SQL, DMY', async () => {
    const clinic = await addClinic(store);
    const desk = await clinic.addDevice();
    const receivedAt = '2026-03-08T01:02:03.456Z';
    await store.push({ ...pushOf(clinic.tenantId, desk.deviceId, desk.installationId), receivedAt });
    const page = await store.readEvents(clinic.tenantId, 0, 10, DEFAULT_LIMITS.maxPullBytes);
    expect(parsePulledEvents(page.events).map((event) => event.receivedAt)).toEqual([receivedAt, receivedAt, receivedAt]);
    const device = await store.getDevice(desk.deviceId);
    expect(device?.lastSeenAt).toBe(receivedAt);
    expect(device?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const tenant = (await store.listTenants()).find((each) => each.tenantId === clinic.tenantId);
    expect(tenant?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('keeps the options the operator`s URL gives beside its own', async () => {
    const withOptions = new URL(url);
    withOptions.searchParams.set('options', '-c application_name=hq-operator-named');
    const named = await openPostgresHqStore(withOptions.toString());
    try {
      const clinic = await addClinic(named);
      const desk = await clinic.addDevice();
      const receivedAt = '2026-03-08T01:02:03.456Z';
      await named.push({ ...pushOf(clinic.tenantId, desk.deviceId, desk.installationId), receivedAt });
      // HQ's own options still apply (ISO dates), and the operator's too (the connections' name)
      expect(parsePulledEvents((await named.readEvents(clinic.tenantId, 0, 10, DEFAULT_LIMITS.maxPullBytes)).events).map((event) => event.receivedAt)).toEqual([receivedAt, receivedAt, receivedAt]);
      const names = await withClient(url, async (client) =>
        (await client.query<{ count: string }>("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'hq-operator-named'", [new URL(url).pathname.slice(1)])).rows[0]?.count,
      );
      expect(Number(names)).toBeGreaterThan(0);
    } finally {
      await named.close();
    }
  });
});
