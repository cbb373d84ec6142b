/**
 * A desk killed with SIGKILL in the middle of a push (HQ committed, the answer not yet handled) and
 * in the middle of a catch-up: after a restart on the same data folder it converges, nothing
 * delivered twice, nothing lost. A new desk killed in the middle of its deferred catch-up (issue
 * 14: read models built once at the end) opens with them rebuilt. The desk runs as `npm run
 * desk:web` in a child process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { uuidV7 } from '../../src-main/core/ids.js';
import { DEFER_READ_MODELS_FROM } from '../../src-main/core/sync/deferred-catch-up.js';
import { PIN } from '../support/desk-harness.js';
import { startDeskWeb, type DeskWebProcess } from '../support/desk-web-process.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { comparable, countUnsettled, deviceAtHead, eventually, readLiveEvents, settle, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { openClinicDay, readModelsAndRebuild } from '../support/sync-scenarios.js';
import { tempDir } from '../support/tab-desk.js';

let clinic: SyncClinic | undefined;
let proxy: FaultProxy | undefined;
let child: DeskWebProcess | undefined;
afterEach(async () => {
  if (child?.child.exitCode === null && child.child.signalCode === null) await child.stop('SIGKILL');
  child = undefined;
  await proxy?.close();
  proxy = undefined;
  await clinic?.close();
  clinic = undefined;
});

/** The desk's RPC over the browser host, as the renderer's HTTP bridge calls it. */
const rpc = async (desk: DeskWebProcess, method: string, args: unknown): Promise<unknown> => {
  const response = await fetch(`http://127.0.0.1:${desk.port}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-session': desk.session },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
  return body.result;
};

const startDesk = (dataDir: string, hqUrl: string, token: string) =>
  startDeskWeb(['--data', dataDir, '--port', '0', '--hq', hqUrl, '--token', token]);

const byStream = (events: ReturnType<typeof readLiveEvents>) => {
  const streams = new Map<string, unknown[]>();
  for (const event of events.map(comparable).sort((a, b) => (a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1))) {
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  }
  return [...streams.entries()];
};

const expectSameAsHq = async (dataDir: string): Promise<void> => {
  await eventually(
    async () => {
      if (countUnsettled(dataDir) > 0) return false;
      expect(byStream(readLiveEvents(dataDir))).toEqual([...((await clinic?.hqStreams()) ?? new Map()).entries()]);
      return true;
    },
    30_000,
    'desk and HQ hold the same events',
  );
};

describe('a desk killed with SIGKILL', () => {
  it('during a push: after a restart it sends again, HQ answers duplicate, nothing is doubled', async () => {
    clinic = await startSyncClinic();
    const first = await clinic.addDesk('first');
    const day = await openClinicDay(first);
    const device = await clinic.addDevice('killed');
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(clinic.hq.url).port) });
    const dataDir = tempDir('killed-desk');
    child = await startDesk(dataDir, proxy.url, device.token);
    await eventually(async () => ((await rpc(child as DeskWebProcess, 'staff.list', {})) as { items: unknown[] }).items.length > 0, 15_000, 'staff');
    await rpc(child, 'session.signIn', { staffId: day.manager, pin: PIN });
    await proxy.down();
    for (let i = 0; i < 200; i++) {
      await rpc(child, 'command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: `memo ${i}` }, actingStaffId: day.manager });
    }
    // HQ's answers to pushes come late, and pulls hear nothing: the desk is killed while it waits.
    proxy.setDelay(3_000);
    proxy.setFault(({ path }) => (path.startsWith('/v1/push') ? 'delay' : path.startsWith('/v1/events') ? 'pause' : 'pass'));
    await proxy.up();
    await eventually(() => proxy?.seen().some((request) => request.path === '/v1/push') === true, 20_000, 'a push sent');
    await eventually(async () => ((await clinic?.hqStreams())?.get(day.visitId)?.length ?? 0) > 200, 10_000, 'HQ committed it');
    await child.stop('SIGKILL');
    expect(countUnsettled(dataDir)).toBeGreaterThan(0);
    proxy.setFault('pass');
    proxy.resume();
    child = await startDesk(dataDir, proxy.url, device.token);
    await expectSameAsHq(dataDir);
    const memos = (await clinic.hqStreams()).get(day.visitId)?.filter((e) => e.type === 'MemoAdded') ?? [];
    expect(memos).toHaveLength(200);
  });

  /** HQ holds `batches` thousand memos on the day's visit from another device, beside the first desk's day. */
  const clinicWithMemos = async (batches: number) => {
    clinic = await startSyncClinic();
    const first = await clinic.addDesk('first');
    const day = await openClinicDay(first);
    await settle(first);
    const other = await deviceAtHead(clinic, 'other', day.visitId);
    const { installationId, head } = other;
    for (let batch = 0; batch < batches; batch++) {
      const events = Array.from({ length: 1000 }, (_, index) => {
        const commandId = uuidV7.newId();
        return {
          ...head,
          eventId: uuidV7.newId(),
          version: head.version + batch * 1000 + index + 1,
          type: 'MemoAdded',
          data: { text: `memo ${batch}-${index}` },
          meta: { ...head.meta, commandId, processId: commandId, predecessorId: commandId, deviceId: installationId, raisedAt: new Date().toISOString() },
        };
      });
      const basis = batch === 0 ? head.eventId : undefined;
      const previous = (await clinic.hqStreams()).get(day.visitId)?.at(-1)?.eventId;
      await other.push(events, { [day.visitId]: basis ?? (previous as string) });
    }
    return clinic;
  };

  it('during a catch-up: after a restart it pulls on from its checkpoint and converges', async () => {
    // HQ holds 3,000 events the new desk must pull.
    clinic = await clinicWithMemos(3);
    const device = await clinic.addDevice('killed');
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(clinic.hq.url).port) });
    proxy.setDelay(50);
    proxy.setFault(({ path }) => (path.startsWith('/v1/events') ? 'delay' : 'pass'));
    const dataDir = tempDir('killed-desk');
    child = await startDesk(dataDir, proxy.url, device.token);
    await eventually(() => (proxy?.seen().filter((request) => request.path.startsWith('/v1/events')).length ?? 0) >= 3, 20_000, 'catching up');
    await child.stop('SIGKILL');
    const partial = readLiveEvents(dataDir).length;
    expect(partial).toBeLessThan(3_000);
    proxy.setFault('pass');
    child = await startDesk(dataDir, proxy.url, device.token);
    await expectSameAsHq(dataDir);
  });

  it('during a new desk`s deferred catch-up: after a restart its read models are rebuilt, and it converges equal to a rebuild', async () => {
    // HQ holds more than the threshold: the new desk defers its read models (sync.status: pulling).
    clinic = await clinicWithMemos(Math.ceil(DEFER_READ_MODELS_FROM / 1000) + 1);
    const device = await clinic.addDevice('killed');
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(clinic.hq.url).port) });
    proxy.setDelay(50);
    proxy.setFault(({ path: requestPath }) => (requestPath.startsWith('/v1/events') ? 'delay' : 'pass'));
    const dataDir = tempDir('killed-joining-desk');
    child = await startDesk(dataDir, proxy.url, device.token);
    await eventually(() => readLiveEvents(dataDir).length >= 2_000, 30_000, 'catching up');
    await child.stop('SIGKILL');
    const versions = recordedVersions(dataDir);
    expect(Object.values(versions).filter((version) => version < 0).length, JSON.stringify(versions)).toBeGreaterThan(0);
    expect(readLiveEvents(dataDir).length).toBeLessThan(DEFER_READ_MODELS_FROM);
    proxy.setFault('pass');
    child = await startDesk(dataDir, proxy.url, device.token);
    // Counted first: comparing 21,000 events too early makes a diff that takes longer than the wait.
    const atHq = [...(await clinic.hqStreams()).values()].reduce((sum, events) => sum + events.length, 0);
    await eventually(() => readLiveEvents(dataDir).length === atHq, 30_000, 'every event here');
    await expectSameAsHq(dataDir);
    await child.stop('SIGTERM');
    child = undefined;
    expect(Object.values(recordedVersions(dataDir)).filter((version) => version < 0)).toEqual([]);
    const { live, rebuilt } = await readModelsAndRebuild({ dataDir });
    expect(live.read_audit?.length).toBeGreaterThan(DEFER_READ_MODELS_FROM);
    expect(live).toEqual(rebuilt);
  });
});

/** What the desk's projection_state records of each read model (a deferred one: a negative version). */
const recordedVersions = (dataDir: string): Record<string, number> => {
  const db = new Database(path.join(dataDir, 'desk.db'), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(db.prepare<[], { name: string; version: number }>('SELECT name, version FROM projection_state').all().map((row) => [row.name, row.version]));
  } finally {
    db.close();
  }
};
