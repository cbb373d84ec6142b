/**
 * Defects found by an adversarial review of the sync worker (test/sync, shared/eventsourcing,
 * src-main/core/sync). Each test reproduces one defect and is marked `it.fails` so the branch
 * stays green; whoever fixes a defect flips its `it.fails` to `it`. Real desk stores and a real
 * HQ process as in the other sync tests; the store-level ones use the tab aggregate and a log
 * standing in for HQ, as test/sync/rebase.int.spec.ts does.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '../../shared/contract/sync-protocol.js';
import { createRerun } from '../../shared/eventsourcing/index.js';
import { openDeskCore } from '../../src-main/core/desk-core.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { memorySecrets } from '../support/desk-harness.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import {
  deviceAtHead,
  eventually,
  inSync,
  recordAsOldBuild,
  settle,
  startHqHost,
  startSyncClinic,
  TEST_SYNC_TIMING,
  type SyncClinic,
  type SyncDesk,
} from '../support/sync-clinic.js';
import { backUpDesk, consultVisit, dropDoneItemOffline, execute, expectConverged, joinDesk, openClinicDay, restoreDesk } from '../support/sync-scenarios.js';
import { tabCmd } from '../support/tab-commands.js';
import { tabRegistry, tempDir } from '../support/tab-desk.js';
import { chargedTab, payAndCloseTab, rebasingDesks, type RebasingDesk } from '../support/tab-rebase.js';

let clinic: SyncClinic | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await clinic?.close();
  clinic = undefined;
});

const status = (desk: SyncDesk) => desk.call('sync.status', {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
describe('review findings: the sync worker against a real HQ', () => {
  /*
   * A token rotated while a push is on the wire pauses sync for good. The manager rotates the
   * desk's token at HQ and enters the new one (sync.configure → reconfigure: phase 'running',
   * the pull aborted and restarted with the new token). But the push that was already sent with
   * the old token is not aborted: its 401 arrives after the reconfigure, and fail() pauses the
   * worker ("HQ refused this desk's token") although the token now configured is good. Nothing
   * un-pauses it but another sync.now or sync.configure: the desk silently stops delivering its
   * payments until someone notices. Answers of a call made with an earlier connection must not
   * decide the state of the current one.
   */
  it('a push answered 401 for the old token after sync.configure entered the new one does not pause sync', async () => {
    clinic = await startSyncClinic({ timing: { requestTimeoutMs: 10_000 } });
    const a = await clinic.addDesk('A', { proxy: true });
    await openClinicDay(a);
    await settle(a);
    const proxy = a.proxy as FaultProxy;
    proxy.setFault(({ method, path: requestPath }) => (method === 'POST' && requestPath === '/v1/push' ? 'pause' : 'pass'));
    await execute(a, 'RegisterPatient', undefined, { name: '회전중', phone: '010-3131-4141' });
    await eventually(() => proxy.seen().some((r) => r.path === '/v1/push' && r.fault === 'pause'), 5_000, 'push on the wire');
    // The manager rotates the token at HQ and enters the new one while that push is held.
    const rotated = await clinic.withStore((_store, tenancy) => tenancy.rotateToken(a.deviceId));
    if (!rotated) throw new Error('rotate failed');
    await a.call('sync.configure', { hqUrl: proxy.url, token: rotated.token });
    proxy.setFault('pass');
    proxy.resume();
    // The held push reaches HQ with the old token (401). The desk has the new token: it must deliver.
    await sleep(3_000);
    const after = await status(a);
    expect({ state: after.state, pending: after.pending }).toEqual({ state: 'online', pending: 0 });
  });

  /*
   * sync.now never answers once sync is stopped (HQ's log replaced, or its head below the
   * checkpoint). syncNow() waits for the pull loop to finish a round (pullDone), but a stopped
   * pull loop only sleeps on its alarm and never resolves pullDone, so the RPC hangs until the
   * desk closes; each click of "Sync now" adds another promise that never settles. A stopped
   * desk must answer at once with its status (lastError says why).
   */
  it('sync.now on a stopped desk answers (with the stopped status) instead of hanging', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A');
    await openClinicDay(a);
    await settle(a);
    const saved = await clinic.backUpHq();
    await execute(a, 'RegisterPatient', undefined, { name: '나중환자', phone: '010-5656-7878' });
    await settle(a);
    await clinic.restoreHq(saved);
    await eventually(async () => (await status(a)).state === 'stopped', 10_000, 'stopped');
    const answer = await Promise.race([a.invoke('sync.now', {}), sleep(5_000).then(() => 'no answer in 5 s' as const)]);
    expect(answer).toMatchObject({ ok: true, result: { state: 'stopped' } });
  });

  /*
   * needsRebind stays true after the device was re-bound and the desk synced. It is set on
   * INSTALLATION_MISMATCH and cleared only by reconfigure (sync.configure); sync.now after
   * `hq device rebind` resumes the worker and everything is delivered, but succeeded() never
   * clears the flag, so the settings screen keeps saying "this desk must be re-bound at HQ"
   * while the desk is online and in sync (until the app restarts).
   */
  it('after `device rebind` and sync.now, a restored desk that synced no longer says it must be re-bound', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A');
    const day = await openClinicDay(a);
    await settle(a);
    const backup = await backUpDesk(a);
    const restored = await restoreDesk(clinic, a, backup, day);
    await execute(restored, 'AddMemo', day.visitId, { text: 'after the restore' });
    await eventually(async () => (await status(restored)).needsRebind, 10_000, 'needs rebind');
    await clinic.withStore((_store, tenancy) => tenancy.rebindDevice(a.deviceId));
    await restored.call('sync.now', {});
    await settle(restored);
    expect(await status(restored)).toMatchObject({ state: 'online', pending: 0, needsRebind: false });
  });

  /*
   * Backoff is measured on the desk's wall clock. A desk whose clock was ahead (a wrong CMOS
   * clock, a manual change) fails a request — retryAt = clock + backoff — and then has its clock
   * corrected backwards (NTP): both loops now sleep `retryAt - now`, i.e. the whole correction
   * (here 5 minutes; a clock a day ahead stalls sync for a day), though HQ is back. Kicks after
   * commands only re-enter the same wait. Waits must be measured on a monotonic clock.
   */
  it('a desk whose clock is corrected backwards during an outage resumes syncing when HQ is back', async () => {
    clinic = await startSyncClinic();
    const clock = { offsetMs: 0 };
    // A desk whose wall clock the test moves.
    const a = await clinic.addDesk('A', { proxy: true, now: () => new Date(Date.now() + clock.offsetMs) });
    const day = await openClinicDay(a);
    await settle(a);
    const proxy = a.proxy as FaultProxy;
    await proxy.down();
    await execute(a, 'AddMemo', day.visitId, { text: 'during the outage' });
    // The desk's clock runs 5 minutes ahead while its requests fail...
    clock.offsetMs = 5 * 60_000;
    await sleep(1_500);
    // ...then is corrected, and HQ is reachable again.
    clock.offsetMs = 0;
    await proxy.up();
    await sleep(4_000);
    expect(a.unsettled()).toBe(0);
  });

  /*
   * HQ restored from a file backup keeps its log id (log_identity is a row of the restored
   * database; nothing makes a new one), so the desk's only guard is "HQ's head below my
   * checkpoint". If another desk writes before this desk reconnects, HQ's head passes the
   * checkpoint again: the desk pulls on from its checkpoint, skips the other desk's events at
   * positions it had already passed, and keeps its own events that HQ lost as published — never
   * sent again. It reports 'online' while its history and HQ's differ for good (its patient is
   * gone from HQ; the other desk's reservations never arrive). SYNC-SEQUENCES 10: "nothing
   * diverges silently".
   */
  it('HQ restored from a file backup: a desk whose checkpoint another desk overtook first stops, never diverges silently', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    await settle(a);
    const saved = await clinic.backUpHq();
    // A records three patients after the backup; HQ takes them.
    for (const name of ['가환자', '나환자', '다환자']) await execute(a, 'RegisterPatient', undefined, { name, phone: '010-1000-2000' });
    await settle(a);
    await a.proxy?.down();
    // HQ's disk dies and is restored from the backup. Desk C, on line, writes first.
    await clinic.restoreHq(saved);
    const c = await joinDesk(clinic, 'C', day, { proxy: false });
    for (const name of ['라환자', '마환자', '바환자', '사환자']) await execute(c, 'RegisterPatient', undefined, { name, phone: '010-3000-4000' });
    await settle(c);
    // A comes back.
    const before = (await status(a)).lastPullAt;
    await a.proxy?.up();
    await eventually(async () => (await status(a)).lastPullAt !== before || (await status(a)).state === 'stopped', 10_000, 'A pulled');
    await sleep(1_000);
    const hq = await clinic.hqStreams();
    const mine = a.streams();
    const same = hq.size === mine.size && [...mine.keys()].every((streamId) => hq.has(streamId));
    // Either A stopped with a sentence, or it holds HQ's history: never online with another one.
    const { state } = await status(a);
    expect(state === 'stopped' || same, `A is ${state} and holds ${same ? 'HQ`s' : 'another'} history`).toBe(true);
  });

  /*
   * The first HQ a desk ever asks for its health becomes its HQ for good, token or not. The worker
   * stores HQ's logId from the unauthenticated health call before any authenticated call
   * succeeded. A desk started with a mistyped address that reaches another HQ (the staging HQ,
   * the old server during a move) is refused there (401) — and has recorded that HQ's log id.
   * Started again with the right address and token, every health call now "shows" a replaced
   * HQ: sync stops for good ("HQ's event log is not the one this desk synced with"), though the
   * desk never synced with anything. Only wiping the desk's data brings it back. (The same
   * 'stopped' phase also survives sync.configure, so even a matching address needs a restart.)
   */
  it('a desk first started with the address of another HQ, refused there, syncs once given the right one', async () => {
    clinic = await startSyncClinic();
    const other = await startHqHost();
    cleanups.push(() => other.stop());
    const device = await clinic.addDevice('A');
    const dataDir = tempDir('sync-desk-wrong-hq');
    const open = (url: string) =>
      openDeskCore({ dataDir, appVersion: '0.1.0', secrets: memorySecrets(), hq: { url, token: device.token }, syncTiming: TEST_SYNC_TIMING });
    // Mistyped: another HQ answers its health, then refuses the clinic's token.
    const wrong = await open(other.url());
    await sleep(1_500);
    expect(await wrong.invoke('desk.status', {})).toMatchObject({ ok: true, result: { firstManagerOpen: false } });
    await wrong.close({ syncTimeoutMs: 0 });
    // Started again with the clinic's HQ.
    const right = await open(clinic.hq.url);
    cleanups.push(() => right.close({ syncTimeoutMs: 0 }));
    await eventually(async () => {
      const answer = await right.invoke('desk.status', {});
      return answer.ok && answer.result.firstManagerOpen;
    }, 10_000, 'first pull from the clinic`s HQ');
  });

  /*
   * A stream rebased by a catch-up that is then interrupted refuses every command — observations
   * too — for as long as the outage lasts. Its set-aside commands re-run only once a pull reaches
   * HQ's head; until then issueCommand answers STREAM_SYNCING ("try again in a moment"). When the
   * line drops after the first page (or the token is revoked, or HQ goes down mid-catch-up), the
   * moment is the whole outage: the patient standing at the desk cannot be checked in and their
   * payment cannot be recorded on this desk, the opposite of "observations never wait" and of a
   * desk that keeps working offline. (A design-level tension: the re-run could happen when the
   * catch-up stops short, or observations could go in behind the set-aside commands.)
   */
  it('a visit rebased by a catch-up that the network then cut still takes a check-in while offline', async () => {
    clinic = await startSyncClinic({ timing: { pageSize: 10 } });
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    const b = await joinDesk(clinic, 'B', day, { proxy: false });
    // B writes the day's visit below: it must hold it.
    await inSync(clinic, [a, b]);
    const proxy = a.proxy as FaultProxy;
    await proxy.down();
    await execute(a, 'AddMemo', day.visitId, { text: 'A, offline' });
    // B writes the visit first, then a day's worth of other work: A's catch-up takes several pages.
    await execute(b, 'AddMemo', day.visitId, { text: 'B first' });
    for (let i = 0; i < 25; i++) await execute(b, 'RegisterPatient', undefined, { name: `환자${i}`, phone: '010-2000-3000' });
    await settle(b);
    // A's line carries the first page of the catch-up (B's memo on the visit is on it), then drops.
    const db = new Database(path.join(a.dataDir, 'desk.db'), { readonly: true });
    const checkpoint = Number(db.prepare("SELECT value FROM store_meta WHERE key = 'hq_checkpoint'").pluck().get());
    db.close();
    const after = (requestPath: string): number => Number(new URL(requestPath, 'http://hq').searchParams.get('after'));
    proxy.setFault(({ path: requestPath }) => (requestPath.startsWith('/v1/events') && after(requestPath) > checkpoint ? 'refuse' : 'pass'));
    await proxy.up();
    await eventually(
      () => proxy.seen().some((r) => r.path.startsWith('/v1/events') && r.fault === 'refuse'),
      10_000,
      'first page applied, then the line dropped',
    );
    // The patient is here: the check-in (an observation) goes in on this desk, offline.
    await eventually(
      async () => (await a.invoke('command.execute', { type: 'CheckIn', streamId: day.visitId, payload: { channel: 'desk' } })).ok,
      5_000,
      'check-in taken while the catch-up is cut',
    );
  });

  /*
   * (Fixed: a push batch never ends inside a command, and HQ takes a command's events whole or
   * not at all — src-main/core/sync/push-batch.unit.spec.ts, src-server/log/push-plan.unit.spec.ts.)
   * The store-level loss below (a command split across two pushes) end to end, where it hurts
   * most: a retried conflict's [retried event, ConflictResolved]. A has a full batch of work
   * pending when a person retries a conflict; the batch limit (HQ's maxEventsPerPush) falls
   * between the retried plan change and its ConflictResolved. HQ takes the plan change; B writes
   * the visit before A's next push; A's rebase then treats the ResolveConflict command as
   * "already recorded" by its first event and drops ConflictResolved. The plan change stands, the
   * conflict stays open on every desk, and the next person who retries it applies it again.
   */
  it('a conflict retried just as a push batch fills up is listed as retried on every desk', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    await consultVisit(a, day);
    const { streamId: other } = await execute(a, 'Reserve', undefined, {
      patientId: day.patientId,
      startAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      endAt: new Date(Date.now() + 3.5 * 3_600_000).toISOString(),
      channel: 'phone',
    });
    const b = await joinDesk(clinic, 'B', day, { proxy: false });
    // B performs the consultation's item 1 below: it must hold A's consultation.
    await inSync(clinic, [a, b]);
    const proxy = a.proxy as FaultProxy;
    // A conflict: A, offline, drops item 1 from the plan; B performs item 1 meanwhile.
    const { dropped: x } = await dropDoneItemOffline(a, b, day, () => Promise.resolve());
    const conflictId = uuidV7.derive('conflict', x.events[0]?.meta.commandId as string);
    await eventually(async () => (await b.call('conflicts.list', {})).items.some((c) => c.conflictId === conflictId), 10_000, 'conflict listed on B');
    await settle(a);
    // A, offline again, has a busy hour: one memo fewer than HQ's push limit on another visit. Then retries the conflict.
    const { limits } = HealthResponseSchema.parse(await (await fetch(`${clinic.hq.url}/v1/health`)).json());
    await proxy.down();
    for (let i = 0; i < limits.maxEventsPerPush - 1; i++) await execute(a, 'AddMemo', other, { text: `memo ${i}` });
    await a.call('conflicts.resolve', {
      conflictId,
      action: 'retry',
      payload: { plan: [{ itemId: '1', name: '보톡스', price: 100_000 }, { itemId: '2', name: '레이저 토닝', price: 40_000 }] },
    });
    // Back on line: the first push (the memos: HQ's limit cuts the batch before the retry) goes through; the next one is held...
    let pushes = 0;
    proxy.setFault(({ path: requestPath }) => (requestPath === '/v1/push' ? (++pushes === 1 ? 'pass' : 'pause') : 'pass'));
    await proxy.up();
    await eventually(() => pushes >= 2, 20_000, 'first batch delivered');
    // ...while B writes the visit. (The retry is one command of two events: the worker never
    // cuts a batch inside it and HQ takes a command whole or not at all, so B cannot have half of it.)
    expect((b.streams().get(day.visitId) ?? []).some((e) => e.type === 'ConflictResolved')).toBe(false);
    await execute(b, 'AddMemo', day.visitId, { text: 'B, right after' });
    await settle(b);
    proxy.setFault('pass');
    proxy.resume();
    await expectConverged(clinic, [a, b], 20_000);
    for (const desk of [a, b]) {
      const listed = (await desk.call('conflicts.list', {})).items.find((c) => c.conflictId === conflictId);
      expect(listed?.status, `${desk.name}: the retried conflict`).toBe('retried');
    }
  });

  /*
   * A conflict raised by a newer app, on a command type this build does not know, answers
   * INTERNAL when a person here resolves it. CommandConflicted is a kernel event every build
   * reads (schema v1), so the "emit only what every desk understands" rule lets it through, and
   * conflicts.list shows it; but conflicts.resolve checks the person's right to the command with
   * COMMAND_PERMISSIONS[command.type], which is undefined for an unknown type: a TypeError, and
   * "Something went wrong on this desk". Dismissing needs no knowledge of the command; at worst
   * the desk should say the conflict needs a newer app.
   */
  it('a conflict on a command type from a newer app gets a clear answer (not INTERNAL) when dismissed here', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A');
    const day = await openClinicDay(a);
    await settle(a);
    const newer = await deviceAtHead(clinic, 'B (newer app)', day.visitId);
    const original = uuidV7.newId();
    const conflictId = uuidV7.derive('conflict', original);
    const recordId = uuidV7.derive('conflict-command', original);
    await newer.appendToHead({
      type: 'CommandConflicted',
      schemaVersion: 1,
      data: {
        conflictId,
        command: { commandId: original, type: 'ApplyCoupon', streamId: day.visitId, payload: { code: 'SPRING' }, schemaVersion: 1, issuedBy: day.manager, issuedAt: new Date().toISOString() },
        error: { code: 'COUPON_EXPIRED', message: 'The coupon expired' },
        waiting: [],
        decidedOn: newer.head.version,
      },
      meta: newer.meta({ commandId: recordId, processId: original, predecessorId: original }),
    });
    await eventually(async () => (await a.call('conflicts.list', {})).items.some((c) => c.conflictId === conflictId), 10_000, 'listed on A');
    const answer = await a.invoke('conflicts.resolve', { conflictId, action: 'dismiss', reason: 'coupon no longer offered' });
    expect(answer.ok ? 'ok' : answer.error.code).not.toBe('INTERNAL');
  });

  /*
   * One event that a read model cannot apply stops the whole clinic's pull on this desk, for
   * good. HQ checks envelopes, not the data of each event type, so a known event whose data has
   * another shape (here a CommandConflicted without its error, as a buggy or newer build might
   * write it without bumping its schema version) reaches every desk. applyPulled projects it
   * inside the page's transaction; the projection throws; the page rolls back; the pull backs
   * off and fetches the same page again, forever. Every later event of every stream — other
   * desks' reservations and payments — never arrives, while sync.status says only "Sync failed
   * on this desk". "One bad stream never blocks the others."
   */
  it('an event a read model cannot apply stops only its own stream: later events of other streams still arrive', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A');
    const day = await openClinicDay(a);
    await settle(a);
    const other = await deviceAtHead(clinic, 'B (another build)', day.visitId);
    const meta = (commandId: string) => other.meta({ commandId, processId: commandId, predecessorId: commandId });
    await other.appendToHead({ type: 'CommandConflicted', schemaVersion: 1, data: { conflictId: uuidV7.newId() }, meta: meta(uuidV7.newId()) });
    // Then an ordinary new patient, on a stream of its own.
    const patientId = uuidV7.newId();
    await other.push([
      { eventId: uuidV7.newId(), streamType: 'patient', streamId: patientId, version: 1, type: 'PatientRegistered', schemaVersion: 1, data: { name: '다른환자', phone: '010-8080-9090', chartNumber: 'B-1' }, meta: meta(uuidV7.newId()) },
    ]);
    await eventually(() => a.streams().has(patientId), 10_000, 'the other stream`s event arrived on A');
    // The audit trail keeps the event it could not apply, worded by its type and version.
    const trail = (await a.call('audit.query', { limit: 50 })).items;
    expect(trail.find((entry) => entry.streamId === day.visitId && entry.eventType === 'CommandConflicted')).toMatchObject({
      summary: 'CommandConflicted v1 (needs a newer app to read)',
      deviceId: other.installationId,
      version: other.head.version + 1,
    });
  });

  /*
   * A push whose batch holds a rejected event and a later event of the same stream: HQ answers
   * `rejected` then `blocked`. The worker quarantines the stream for the rejection and also
   * holds it for the `blocked`; the next pull cannot "explain" a blocked event, so the stream is
   * also stopped as UNEXPLAINED_CONFLICT ("HQ answered conflict …, but its log does not show
   * why"). sync.status lists the stream twice, once with a reason that is false (there was no
   * conflict), so the manager sees two problems where there is one.
   */
  it('a rejected event followed by a blocked one of its stream is listed once, with HQ`s reason', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    await settle(a);
    await a.proxy?.down();
    const first = await execute(a, 'AddMemo', day.visitId, { text: 'by an old build' });
    await execute(a, 'AddMemo', day.visitId, { text: 'the next memo' });
    recordAsOldBuild(a.dataDir, { eventId: first.events[0]?.eventId as string });
    await a.proxy?.up();
    await eventually(async () => (await status(a)).quarantined.length > 0, 10_000, 'quarantined');
    // The pull after that push has come back (a long-poll at most).
    const pushedAt = (await status(a)).lastPushAt ?? '';
    await eventually(async () => ((await status(a)).lastPullAt ?? '') > pushedAt, 10_000, 'pulled after the push');
    await sleep(200);
    expect((await status(a)).quarantined.map((entry) => [entry.streamId, entry.reason])).toEqual([[day.visitId, 'INVALID_ENVELOPE']]);
  });
  /*
   * (Found reviewing a drain change that let HQ's receipts move the pull checkpoint over the desk's
   * own events, since taken out.) The continuity check after a broken long-poll compared the
   * page's head with the checkpoint read after its answer arrived: a push accepted meanwhile had
   * moved the checkpoint past that head, and sync stopped with "HQ was restored from an older
   * backup". The checkpoint moves only with an applied page, so a continuity answer is never overtaken.
   */
  it('a continuity check answered before a push, arriving after its receipts, is no divergence', async () => {
    clinic = await startSyncClinic({ timing: { requestTimeoutMs: 10_000 } });
    const a = await clinic.addDesk('A', { proxy: true });
    const proxy = a.proxy as FaultProxy;
    await openClinicDay(a);
    const total = (): number => [...a.streams().values()].reduce((sum, list) => sum + list.length, 0);
    await eventually(async () => (await status(a)).pending === 0 && a.pulledThrough() === total(), 10_000, 'A caught up with HQ');
    // The continuity pull (limit=1) after a broken long-poll is answered late; a push sent meanwhile waits until HQ answered it.
    proxy.setDelay(1_500);
    proxy.setFault((request) =>
      request.method === 'GET' && request.path.includes('limit=1&') ? 'delay' : request.method === 'POST' && request.path.startsWith('/v1/push') ? 'pause' : 'pass',
    );
    const seenBefore = proxy.seen().length;
    proxy.dropConnections();
    await eventually(() => proxy.seen().slice(seenBefore).some((request) => request.path.includes('limit=1&')), 10_000, 'continuity pull sent');
    await a.call('command.execute', { type: 'RegisterPatient', payload: { name: '박서준', phone: '010-5555-6666' } });
    await eventually(() => proxy.seen().slice(seenBefore).some((request) => request.method === 'POST'), 5_000, 'push sent');
    await sleep(1_800);
    proxy.resume();
    await eventually(async () => (await status(a)).pending === 0, 5_000, 'pushed');
    await sleep(2_000);
    proxy.setFault('pass');
    const after = await status(a);
    expect(after.lastError).toBeNull();
    expect(after.state).toBe('online');
  }, 60_000);
});

// ---- store level -------------------------------------------------------------------------------

describe('review findings: rebase on real desk stores', () => {
  const desks = rebasingDesks();
  afterEach(desks.closeAll);

  /*
   * A command whose events were split between two pushes loses the events HQ did not get. The
   * worker cuts batches at HQ's count and byte limits wherever they fall, also inside one
   * command's events (AddCharges here; in the clinic, a retried conflict's [retried event,
   * ConflictResolved], or an observation re-run with its AnomalyFlagged). HQ accepts the first
   * part; another desk writes the stream before the second push; the pull rebases the stream:
   * setAsidePending marks the whole command set aside, but only its unpublished events leave the
   * log. The re-run then finds the command's first event live ("already recorded elsewhere") and
   * settles it as done: the second charge is gone from every desk, silently. The same happens
   * when HQ rejects the second event and a manager retries the stream (sync.retryStream). For a
   * retried conflict the lost event is ConflictResolved: the conflict stays open everywhere and
   * the next person to retry it applies the change a second time.
   */
  it('a command whose events went to HQ in two pushes, rebased in between, keeps every event', () => {
    const { hq, a, b, streamId } = chargedTab(desks.open);
    // A charges 3 and 4 in one command; the push batch ends after the first of its two events.
    a.headspring.execute(tabCmd('AddCharges', { amounts: [3, 4] }, streamId));
    hq.deliver(a, 1);
    // B pulls that, takes a payment, and delivers it before A's next push.
    b.pull(hq);
    b.headspring.execute(tabCmd('TakePayment', { amount: 5 }, streamId));
    hq.deliver(b);
    // A's next push conflicts; its pull rebases the stream and re-runs the set-aside command.
    a.pull(hq);
    a.rerunAll();
    hq.deliver(a);
    b.pull(hq);
    const charges = (tab: RebasingDesk) =>
      tab.store.events.readStream(streamId).flatMap((e) => (e.type === 'ChargeAdded' ? [(e.data as { amount: number }).amount] : []));
    expect(charges(a)).toEqual([5, 3, 4]);
    expect(charges(b)).toEqual([5, 3, 4]);
  });

  /*
   * "Never re-run ahead of their head" holds only while the re-run is not interrupted. Each
   * set-aside command re-runs in a transaction of its own, but which conflict the later intents
   * wait behind (`blockedBy`) lives only in that one call's memory. A desk that dies (power cut,
   * SIGKILL, an error) after the first intent became a conflict and before the next one was
   * settled as waiting re-runs the rest after restarting as if no conflict were ahead of them:
   * the next intent runs on its own — here it becomes a second conflict, while the first
   * conflict's `waiting` still names it; an intent that happens to hold goes in ahead of the
   * conflict it was meant to wait for. Every desk then lists two conflicts for one clash.
   */
  it('a re-run interrupted right after a conflict keeps the later intents waiting behind it after a restart', () => {
    const { hq, a, b, streamId } = chargedTab(desks.open);
    // A, offline: two charges (intents). B settles and closes the tab meanwhile.
    const first = a.headspring.execute(tabCmd('AddCharge', { amount: 3 }, streamId)).events[0]?.meta.commandId as string;
    const second = a.headspring.execute(tabCmd('AddCharge', { amount: 4 }, streamId)).events[0]?.meta.commandId as string;
    payAndCloseTab(hq, b, streamId);
    a.pull(hq);
    // The re-run dies after the first charge became a conflict, before the second was settled.
    const dying = createRerun({
      headspring: a.headspring,
      store: {
        ...a.store.events,
        settleCommand: (commandId, outcome) => {
          if (outcome.status === 'waiting') throw new Error('power cut');
          a.store.events.settleCommand(commandId, outcome);
        },
      },
      registry: tabRegistry,
      ids: uuidV7,
      now: () => new Date(),
    });
    expect(() => dying.setAside(streamId)).toThrow('power cut');
    expect(a.store.events.findCommand(first)?.outcome.status).toBe('conflict');
    // After the restart the re-run goes on.
    const [report] = a.rerunAll();
    expect(report?.outcomes).toEqual([{ commandId: second, status: 'waiting', conflictId: uuidV7.derive('conflict', first) }]);
    const conflicts = a.store.events.readStream(streamId).filter((e) => e.type === 'CommandConflicted');
    expect(conflicts).toHaveLength(1);
  });
});
