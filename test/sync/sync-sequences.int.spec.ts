/**
 * The failure sequences of ../shared/docs/SYNC-SEQUENCES.md, one test each, named by number:
 * real desk stores, a real HQ process, and the fault proxy where an answer must be lost or a
 * direction held. "Converges": every desk and HQ hold the same event list for every stream, read
 * models equal a rebuild, nothing waits forever.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src-main/core/ids.js';
import { runTs } from '../support/child-process.js';
import { PIN } from '../support/desk-harness.js';
import { deviceAtHead, eventually, inSync, recordAsOldBuild, settle, startSyncClinic, type SyncClinic, type SyncDesk } from '../support/sync-clinic.js';
import { backUpDesk, consultVisit, dropDoneItemOffline, execute, expectConverged, joinDesk, later, openClinicDay, restoreDesk, twoDesks } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});



const streamTypes = (desk: SyncDesk, streamId: string) => (desk.streams().get(streamId) ?? []).map((e) => e.type);

describe('sync sequences', () => {
  it('sequence 1: own event and a clashing one in one page — own published, only the later one re-run after it', async () => {
    clinic = await startSyncClinic();
    const { a, b, day, proxy } = await twoDesks(clinic);
    // A's memo reaches HQ, but neither the push's answer nor any pull reaches A.
    proxy.setFault('lose-response');
    proxy.dropConnections();
    const e1 = await execute(a, 'AddMemo', day.visitId, { text: 'E1 from A' });
    await eventually(async () => (await clinic?.hqStreams())?.get(day.visitId)?.some((e) => e.eventId === e1.events[0]?.eventId) === true);
    proxy.setFault('refuse');
    const mine = await execute(a, 'AddMemo', day.visitId, { text: 'v+1 from A' });
    // B pulls E1 and appends F at the version A's second memo holds.
    await eventually(() => b.streams().get(day.visitId)?.some((e) => e.eventId === e1.events[0]?.eventId) === true);
    const f = await execute(b, 'AddMemo', day.visitId, { text: 'F from B' });
    expect(f.version).toBe(mine.version);
    await settle(b);
    proxy.setFault('pass');
    await expectConverged(clinic, [a, b]);
    const texts = (a.streams().get(day.visitId) ?? []).filter((e) => e.type === 'MemoAdded').map((e) => (e.data as { text: string }).text);
    expect(texts).toEqual(['E1 from A', 'F from B', 'v+1 from A']);
    // A's second memo was re-run under the same commandId with a new event id; E1 kept its id.
    const rerun = (a.streams().get(day.visitId) ?? []).at(-1);
    expect(rerun?.meta.commandId).toBe(mine.events[0]?.meta.commandId);
    expect(rerun?.eventId).not.toBe(mine.events[0]?.eventId);
  });

  it('sequence 2: a later version is not pushed after its predecessor conflicted; it goes after the rebase', async () => {
    clinic = await startSyncClinic();
    const { a, b, day, proxy } = await twoDesks(clinic);
    // A can push but hears nothing from pulls: no rebase can happen.
    proxy.setFault(({ path: requestPath }) => (requestPath.startsWith('/v1/events') ? 'refuse' : 'pass'));
    proxy.dropConnections();
    await execute(b, 'AddMemo', day.visitId, { text: 'B holds the next version' });
    await settle(b);
    const before = (await a.call('sync.status', {})).lastPushAt;
    const e1 = await execute(a, 'AddMemo', day.visitId, { text: 'E1' });
    // HQ answered E1's push (conflict: B holds that version).
    await eventually(async () => (await a.call('sync.status', {})).lastPushAt !== before, 5_000, 'E1 pushed');
    const pushesAfterConflict = proxy.seen().filter((r) => r.path === '/v1/push').length;
    const e2 = await execute(a, 'AddMemo', day.visitId, { text: 'E2' });
    expect(e2.version).toBe(e1.version + 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // E2's stream waits for a rebase: nothing of it was sent (no other stream has anything pending).
    expect(proxy.seen().filter((r) => r.path === '/v1/push').length).toBe(pushesAfterConflict);
    proxy.setFault('pass');
    await expectConverged(clinic, [a, b]);
    const texts = (b.streams().get(day.visitId) ?? []).filter((e) => e.type === 'MemoAdded').map((e) => (e.data as { text: string }).text);
    expect(texts).toEqual(['B holds the next version', 'E1', 'E2']);
  });

  it('sequence 3: a conflict recorded, then rebased again, is re-recorded once; its waiting intents still wait; every desk lists one', async () => {
    clinic = await startSyncClinic();
    const { a, b, day, proxy } = await twoDesks(clinic);
    await proxy.down();
    const reschedule = await execute(a, 'Reschedule', day.visitId, { startAt: later(120), endAt: later(150) });
    const assign = await execute(a, 'AssignDoctor', day.visitId, { doctorId: day.doctor });
    await execute(b, 'CancelReservation', day.visitId, { reason: 'patient called' });
    await settle(b);
    // A pulls (and rebases) but cannot push: its CommandConflicted stays pending.
    proxy.setFault(({ path: requestPath }) => (requestPath.startsWith('/v1/push') ? 'refuse' : 'pass'));
    await proxy.up();
    await eventually(() => streamTypes(a, day.visitId).includes('CommandConflicted'), 10_000, 'conflict on A');
    // Before A publishes it, B's memo takes that version.
    await execute(b, 'AddMemo', day.visitId, { text: 'called back' });
    await settle(b);
    await eventually(() => streamTypes(a, day.visitId).at(-2) === 'MemoAdded' && streamTypes(a, day.visitId).at(-1) === 'CommandConflicted', 10_000);
    proxy.setFault('pass');
    await expectConverged(clinic, [a, b]);
    expect(streamTypes(a, day.visitId).filter((type) => type === 'CommandConflicted')).toHaveLength(1);
    const conflictId = uuidV7.derive('conflict', reschedule.events[0]?.meta.commandId as string);
    for (const desk of [a, b]) {
      const { items } = await desk.call('conflicts.list', {});
      expect(items.map((c) => [c.conflictId, c.status, c.command.type, c.code])).toEqual([[conflictId, 'open', 'Reschedule', 'VISIT_CLOSED']]);
      expect(items[0]?.waiting).toEqual([assign.events[0]?.meta.commandId]);
      expect(items[0]?.theirs.map((e) => e.eventType)).toEqual(['ReservationCanceled', 'MemoAdded']);
    }
  });

  it('sequence 4: observations behind a conflicted intent go in at once, with anomalies, and show on the other desk', async () => {
    clinic = await startSyncClinic();
    const { a, b, day } = await twoDesks(clinic);
    // A visit booked for a known procedure, so it has a balance to pay.
    const { streamId: visitId } = await execute(a, 'Reserve', undefined, {
      patientId: day.patientId,
      startAt: later(30),
      endAt: later(60),
      plan: [{ name: '레이저 토닝', price: 50_000 }],
    });
    // B cancels that visit below: it must hold it.
    await inSync(clinic, [a, b]);
    await a.proxy?.down();
    await execute(a, 'Reschedule', visitId, { startAt: later(60), endAt: later(90) });
    await execute(a, 'CheckIn', visitId, { channel: 'desk' });
    await execute(a, 'RecordPayment', visitId, { amount: 30_000, method: 'card' });
    await execute(b, 'CancelReservation', visitId, {});
    await settle(b);
    await a.proxy?.up();
    await expectConverged(clinic, [a, b]);
    // The check-in breaks a rule now (the visit was canceled) and is flagged; once checked in, the
    // payment breaks none.
    expect(streamTypes(b, visitId)).toEqual(['Reserved', 'ReservationCanceled', 'CommandConflicted', 'CheckedIn', 'AnomalyFlagged', 'PaymentRecorded']);
    const visit = await b.call('visit.get', { visitId });
    expect(visit.state).toMatchObject({ paid: 30_000 });
    const warnings = await b.call('warnings.list', {});
    expect(warnings.items.filter((w) => w.kind === 'anomaly')).toMatchObject([{ visitId, rule: 'VISIT_CLOSED' }]);
  });

  it('sequence 5: a conflict resolved twice at once is retried once; the waiting intents then run, the next failing one is the next conflict', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    await consultVisit(a, day);
    const b = await joinDesk(clinic, 'B', day);
    // B performs the consultation's item 1 below: it must hold A's consultation.
    await inSync(clinic, [a, b]);
    // A, offline: drops item 1 from the plan (X), assigns the doctor (Y), changes the plan again (Z).
    // B, meanwhile, performs item 1: dropping it no longer holds.
    const {
      dropped: x,
      also: [y, z],
    } = await dropDoneItemOffline(a, b, day, async () => [
      await execute(a, 'AssignDoctor', day.visitId, { doctorId: day.doctor }),
      await execute(a, 'ChangeProcedurePlan', day.visitId, {
        plan: [
          { itemId: '2', name: '레이저 토닝', price: 50_000 },
          { name: '필러', price: 200_000 },
        ],
      }),
    ]);
    await expectConverged(clinic, [a, b]);
    const commandOf = (result: { events: readonly { meta: { commandId: string } }[] }) => result.events[0]?.meta.commandId as string;
    const xConflict = uuidV7.derive('conflict', commandOf(x));
    const listed = (await b.call('conflicts.list', {})).items;
    expect(listed.map((c) => [c.conflictId, c.code, c.waiting])).toEqual([[xConflict, 'PLAN_DROPS_DONE_ITEM', [commandOf(y), commandOf(z)]]]);

    // B retries X, edited to keep item 1, with a double click.
    const retry = {
      conflictId: xConflict,
      action: 'retry' as const,
      payload: {
        plan: [
          { itemId: '1', name: '보톡스', price: 100_000 },
          { itemId: '2', name: '레이저 토닝', price: 40_000 },
        ],
      },
    };
    const answers = await Promise.all([b.invoke('conflicts.resolve', retry), b.invoke('conflicts.resolve', retry)]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ error: { code: 'CONFLICT_ALREADY_RESOLVED' } });
    await expectConverged(clinic, [a, b]);
    expect(await a.invoke('conflicts.resolve', { conflictId: xConflict, action: 'dismiss', reason: 'late click' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT_ALREADY_RESOLVED' },
    });
    const types = streamTypes(a, day.visitId);
    expect(types.filter((type) => type === 'ConflictResolved')).toHaveLength(1);
    expect(types.slice(-4)).toEqual(['ProcedurePlanChanged', 'ConflictResolved', 'DoctorAssigned', 'CommandConflicted']);
    // A re-ran its waiting intents in order once it saw the resolution: Y holds, Z is the next conflict.
    const zConflict = uuidV7.derive('conflict', commandOf(z));
    for (const desk of [a, b]) {
      const items = (await desk.call('conflicts.list', {})).items;
      expect(items.map((c) => [c.conflictId, c.status])).toEqual([
        [zConflict, 'open'],
        [xConflict, 'retried'],
      ]);
    }
    expect((await a.call('visit.get', { visitId: day.visitId })).state).toMatchObject({ doctorId: day.doctor });
  });

  it('sequence 6: a desk restored from a backup taken before a payment was rebased does not record the payment again', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    const { streamId: visitId } = await execute(a, 'Reserve', undefined, {
      patientId: day.patientId,
      startAt: later(30),
      endAt: later(60),
      plan: [{ name: '레이저 토닝', price: 50_000 }],
    });
    await execute(a, 'CheckIn', visitId, { channel: 'desk' });
    const b = await joinDesk(clinic, 'B', day);
    // B writes on A's visit below: it must hold it.
    await inSync(clinic, [a, b]);
    await a.proxy?.down();
    const payment = await execute(a, 'RecordPayment', visitId, { amount: 50_000, method: 'card' });
    const paymentCommand = payment.events[0]?.meta.commandId as string;
    const backup = await backUpDesk(a);
    // B writes first; A rebases the payment (new event id) and delivers it.
    await execute(b, 'AddMemo', visitId, { text: 'B first' });
    await settle(b);
    await a.proxy?.up();
    await expectConverged(clinic, [a, b]);
    const delivered = (await clinic.hqStreams()).get(visitId)?.find((e) => e.type === 'PaymentRecorded');
    expect(delivered?.meta.commandId).toBe(paymentCommand);
    expect(delivered?.eventId).not.toBe(payment.events[0]?.eventId);
    // A's disk dies; the backup is restored into a new folder, with the same device token.
    const restored = await restoreDesk(clinic, a, backup, day);
    expect(restored.streams().get(visitId)?.filter((e) => e.type === 'PaymentRecorded')).toHaveLength(1);
    // A new command: HQ still binds the device to the old installation until `device rebind`.
    await execute(restored, 'AddMemo', visitId, { text: 'after the restore' });
    await eventually(async () => (await restored.call('sync.status', {})).needsRebind, 10_000, 'needs rebind');
    expect(await restored.call('sync.status', {})).toMatchObject({ state: 'paused', pending: 1 });
    await clinic.withStore((_store, tenancy) => tenancy.rebindDevice(a.deviceId));
    await restored.call('sync.now', {});
    await expectConverged(clinic, [restored, b]);
    const payments = (await clinic.hqStreams()).get(visitId)?.filter((e) => e.type === 'PaymentRecorded') ?? [];
    expect(payments.map((e) => e.meta.commandId)).toEqual([paymentCommand]);
    expect((await restored.call('visit.get', { visitId })).state).toMatchObject({ paid: 50_000 });
  });

  it('sequence 7: a stream HQ rejects is quarantined alone; a rebase, a manager`s retry or a newer app re-runs it and lifts the quarantine', async () => {
    clinic = await startSyncClinic();
    const { a, b, day } = await twoDesks(clinic);
    /** An old build's envelope: a meta field HQ's contract does not know. */
    const oldBuild = async (): Promise<string> => {
      await a.proxy?.down();
      const memo = await execute(a, 'AddMemo', day.visitId, { text: `by an old build ${Date.now()}` });
      return recordAsOldBuild(a.dataDir, { eventId: memo.events[0]?.eventId as string }).eventId;
    };
    const quarantinedThenSynced = async (): Promise<void> => {
      const patient = await execute(a, 'RegisterPatient', undefined, { name: `환자 ${Date.now() % 1000}`, phone: '010-9999-0000' });
      await a.proxy?.up();
      await eventually(async () => (await a.call('sync.status', {})).quarantined.length === 1, 10_000, 'quarantined');
      expect((await a.call('sync.status', {})).quarantined).toMatchObject([{ streamId: day.visitId, streamType: 'visit', reason: 'INVALID_ENVELOPE' }]);
      // Other streams keep syncing.
      await eventually(async () => (await clinic?.hqStreams())?.has(patient.streamId) === true, 10_000, 'other stream synced');
    };

    // 1. B keeps writing the stream: A applies it by rebasing, which re-runs A's memo and lifts the quarantine.
    await oldBuild();
    await quarantinedThenSynced();
    await execute(b, 'AddMemo', day.visitId, { text: 'B keeps writing' });
    await expectConverged(clinic, [a, b]);
    expect((await a.call('sync.status', {})).quarantined).toEqual([]);

    // 2. A manager's retry.
    await oldBuild();
    await quarantinedThenSynced();
    expect(await b.invoke('sync.retryStream', { streamId: day.patientId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await a.call('sync.retryStream', { streamId: day.visitId })).toMatchObject({ quarantined: [] });
    await expectConverged(clinic, [a, b]);

    // 3. A newer app retries by itself what the older one had pushed.
    await oldBuild();
    await quarantinedThenSynced();
    const dataDir = a.dataDir;
    await a.close();
    const updated = await clinic.addDesk('A updated', { dataDir, appVersion: '0.2.0', deviceId: a.deviceId, token: a.token });
    await expectConverged(clinic, [updated, b]);
    await updated.call('session.signIn', { staffId: day.manager, pin: PIN });
    expect((await updated.call('sync.status', {})).quarantined).toEqual([]);
    const memos = (await clinic.hqStreams()).get(day.visitId)?.filter((e) => e.type === 'MemoAdded') ?? [];
    expect(memos.filter((e) => (e.data as { text: string }).text.startsWith('by an old build'))).toHaveLength(3);
  });

  it('sequence 8: a stream with an event this build cannot read keeps its commands aside; everything else syncs', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    await settle(a);
    await a.proxy?.down();
    const memo = await execute(a, 'AddMemo', day.visitId, { text: 'pending on A' });
    const patient = await execute(a, 'RegisterPatient', undefined, { name: '최신판', phone: '010-1212-3434' });
    // B, a newer app, writes an event type this build does not know on the same visit.
    const newer = await deviceAtHead(clinic, 'B (newer app)', day.visitId);
    await newer.appendToHead({
      type: 'ConsentWithdrawn',
      schemaVersion: 1,
      data: { form: 'laser-consent', formVersion: '3' },
      meta: newer.meta({ commandId: uuidV7.newId(), processId: uuidV7.newId(), predecessorId: uuidV7.newId() }),
    });
    await a.proxy?.up();
    await eventually(async () => (await a.call('sync.status', {})).waitingForUpdate.includes(day.visitId), 10_000, 'waiting for an update');
    await eventually(async () => (await clinic?.hqStreams())?.has(patient.streamId) === true, 10_000, 'other stream synced');
    expect(streamTypes(a, day.visitId).at(-1)).toBe('ConsentWithdrawn');
    expect(streamTypes(a, day.visitId)).not.toContain('MemoAdded');
    expect((await a.call('visit.get', { visitId: day.visitId })).needsUpgrade).toBe(true);
    // The audit trail lists it, worded by its type and version: this build cannot say more.
    const trail = (await a.call('audit.query', { limit: 50 })).items;
    expect(trail.find((entry) => entry.eventType === 'ConsentWithdrawn')).toMatchObject({
      streamId: day.visitId,
      summary: 'ConsentWithdrawn v1 (needs a newer app to read)',
      deviceId: newer.installationId,
    });
    expect(await a.invoke('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: 'again' } })).toMatchObject({
      ok: false,
      error: { code: 'STREAM_NEEDS_UPGRADE' },
    });
    // The memo's command is kept, set aside, never dropped.
    const db = new Database(path.join(a.dataDir, 'desk.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT status FROM commands WHERE command_id = ?').pluck().get(memo.events[0]?.meta.commandId)).toBe('set-aside');
    } finally {
      db.close();
    }
    expect([...a.streams().entries()].map(([id, events]) => [id, events.length])).toEqual(
      [...(await clinic.hqStreams()).entries()].map(([id, events]) => [id, events.length]),
    );
  });

  it('sequence 9: two managers removed on two offline desks — both removals stand, every desk warns "no active manager", and a desk`s machine restores one, audited on every desk', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    const second = (await a.call('staff.register', { name: '오하늘', role: 'manager', pin: PIN })).streamId;
    const b = await joinDesk(clinic, 'B', day);
    // B signs in as the second manager and counts both: it must hold A's registrations.
    await inSync(clinic, [a, b]);
    await b.call('session.signIn', { staffId: second, pin: PIN });
    await a.proxy?.down();
    await b.proxy?.down();
    // Offline, each desk counts two active managers, and each removes the other manager.
    await execute(a, 'DeactivateStaff', second, { reason: '퇴사' });
    await execute(b, 'DeactivateStaff', day.manager, { reason: '퇴사' });
    // Each desk alone still refuses to remove its last one.
    expect(await a.invoke('command.execute', { type: 'ChangeStaffRole', streamId: day.manager, payload: { role: 'desk' } })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ACTIVE_MANAGER' },
    });
    await a.proxy?.up();
    await b.proxy?.up();
    await expectConverged(clinic, [a, b]);

    // Both removals stand (different streams); every desk warns.
    for (const desk of [a, b]) {
      const staff = (await desk.call('staff.list', {})).items;
      expect(staff.filter((member) => member.role === 'manager').map((member) => [member.staffId, member.active]).sort()).toEqual(
        [[day.manager, false], [second, false]].sort(),
      );
      // both managers were signed out when their removal arrived
      expect((await desk.call('desk.status', {})).session).toBeNull();
      await desk.call('session.signIn', { staffId: day.desk, pin: PIN });
      expect((await desk.call('warnings.list', {})).items).toContainEqual({ kind: 'no-active-manager', staffCount: 4 });
    }

    // The recovery path, on A's machine: the desk app closed, its command line restores a manager.
    await a.close();
    const restored = await runTs('src-main/cli/desk.ts', ['restore-manager', '--data', a.dataDir, '--staff', day.manager, '--reason', '두 데스크에서 관리자가 모두 해제됨']);
    expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: '' });
    const reopened = await clinic.addDesk('A again', { dataDir: a.dataDir, deviceId: a.deviceId, token: a.token });
    await expectConverged(clinic, [reopened, b]);

    // Audited as an event every desk receives: recorded by A's installation, in the name of no person.
    for (const desk of [reopened, b]) {
      expect((desk.streams().get(day.manager) ?? []).map((event) => event.type).at(-1)).toBe('StaffRestoredAsManager');
      await desk.call('session.signIn', { staffId: day.manager, pin: PIN });
      expect((await desk.call('warnings.list', {})).items.filter((warning) => warning.kind === 'no-active-manager')).toEqual([]);
      const audited = (await desk.call('audit.query', { limit: 200 })).items.filter((item) => item.eventType === 'StaffRestoredAsManager');
      expect(audited).toMatchObject([{ streamId: day.manager, staffId: null, deviceId: reopened.core.installationId }]);
    }
  }, 120_000);

  it('sequence 10: HQ restored from its own backup — its log id changed — stops sync with a clear status; nothing diverges', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A');
    const day = await openClinicDay(a);
    await settle(a);
    const saved = await clinic.backUpHq();
    await execute(a, 'RegisterPatient', undefined, { name: '나중환자', phone: '010-5656-7878' });
    await settle(a);
    const before = a.streams();
    // HQ's disk is restored from the older copy, as a new log.
    await clinic.restoreHq(saved, { newLogId: true });
    await eventually(async () => (await a.call('sync.status', {})).state === 'stopped', 10_000, 'stopped');
    expect((await a.call('sync.status', {})).lastError).toMatch(/not the one this desk synced with/);
    await execute(a, 'AddMemo', day.visitId, { text: 'kept here' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await a.call('sync.status', {})).pending).toBe(1);
    // Nothing of the desk's newer history went to the restored HQ, and nothing of it was lost here.
    expect((await clinic.hqStreams()).size).toBe(before.size - 1);
    expect(a.streams().size).toBe(before.size);
  });

  it('sequence 10 (same log id): an HQ whose head fell below the desk`s checkpoint also stops sync', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A');
    await openClinicDay(a);
    await settle(a);
    const saved = await clinic.backUpHq();
    await execute(a, 'RegisterPatient', undefined, { name: '나중환자', phone: '010-5656-7878' });
    // The desk's checkpoint must be past the backup's head: pushed is not yet pulled back (until
    // then the desk only knows HQ lost an event it acknowledged, the other stop of sequence 10).
    await inSync(clinic, [a]);
    await clinic.restoreHq(saved);
    await eventually(async () => (await a.call('sync.status', {})).state === 'stopped', 10_000, 'stopped');
    expect((await a.call('sync.status', {})).lastError).toMatch(/before this desk's checkpoint/);
  });

  it('sequence 11: after a long catch-up, commands of a rebased stream re-run once, after the last page; meanwhile STREAM_SYNCING', async () => {
    clinic = await startSyncClinic({ timing: { pageSize: 250 } });
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    await settle(a);
    await a.proxy?.down();
    // A, offline for a week: cancels the visit and writes a memo on it.
    const cancel = await execute(a, 'CancelReservation', day.visitId, { reason: 'by A' });
    const memo = await execute(a, 'AddMemo', day.visitId, { text: 'A, after a week' });
    // Meanwhile the clinic's other desks wrote 5,000 events: the same cancel first, then new visits, then memos on it.
    const other = await deviceAtHead(clinic, 'B', day.visitId);
    const { installationId, head } = other;
    const event = (streamId: string, version: number, type: string, data: Record<string, unknown>) => {
      const commandId = uuidV7.newId();
      return {
        eventId: uuidV7.newId(),
        streamType: 'visit',
        streamId,
        version,
        type,
        schemaVersion: 1,
        data,
        meta: { commandId, processId: commandId, initiator: day.manager, predecessorId: commandId, deviceId: installationId, raisedAt: new Date().toISOString(), appVersion: '0.1.0' },
      };
    };
    const batches: { events: ReturnType<typeof event>[]; basis?: Record<string, string> }[] = [
      { events: [event(day.visitId, head.version + 1, 'ReservationCanceled', { reason: 'by B' })], basis: { [day.visitId]: head.eventId } },
    ];
    for (let batch = 0; batch < 5; batch++) {
      const events: ReturnType<typeof event>[] = [];
      for (let visit = 0; visit < 100; visit++) {
        const streamId = uuidV7.newId();
        const startAt = later(60 * 24 + visit);
        events.push(event(streamId, 1, 'Reserved', { patientId: day.patientId, startAt, endAt: later(60 * 24 + visit + 30), channel: 'phone' }));
        for (let version = 2; version <= 10; version++) events.push(event(streamId, version, 'MemoAdded', { text: `memo ${version}` }));
      }
      batches.push({ events });
    }
    let version = head.version + 1;
    const memos = Array.from({ length: 9 }, () => event(day.visitId, ++version, 'MemoAdded', { text: `B's memo ${version}` }));
    batches.push({ events: memos, basis: { [day.visitId]: batches[0]?.events[0]?.eventId as string } });
    for (const { events, basis } of batches) await other.push(events, basis);

    // A comes back on a slow line: the catch-up takes a while.
    a.proxy?.setDelay(40);
    a.proxy?.setFault(({ path: requestPath }) => (requestPath.startsWith('/v1/events') ? 'delay' : 'pass'));
    await a.proxy?.up();
    const progress = await (async () => {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        const { catchUp } = await a.call('sync.status', {});
        if (catchUp) return catchUp;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no catch-up progress seen');
    })();
    expect(progress.pulled).toBeLessThan(progress.head);
    let refused = 0;
    await eventually(
      async () => {
        const attempt = await a.invoke('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: 'too early' } });
        if (!attempt.ok && attempt.error.code === 'STREAM_SYNCING') refused += 1;
        return attempt.ok;
      },
      60_000,
      'catch-up over',
    );
    expect(refused).toBeGreaterThan(0);
    await expectConverged(clinic, [a], 30_000);
    const types = streamTypes(a, day.visitId);
    // The cancel held already: done with no events. The memo ran once, after every one of HQ's events.
    expect(types.filter((type) => type === 'ReservationCanceled')).toHaveLength(1);
    expect(types.filter((type) => type === 'CommandConflicted')).toHaveLength(0);
    const visit = a.streams().get(day.visitId) ?? [];
    const mine = visit.filter((e) => e.meta.commandId === memo.events[0]?.meta.commandId);
    expect(mine).toHaveLength(1);
    expect(visit.indexOf(mine[0] as (typeof visit)[number])).toBe(visit.length - 2);
    expect(visit.at(-1)?.data).toEqual({ text: 'too early' });
    expect(cancel.events).toHaveLength(1);
    expect((await a.call('conflicts.list', {})).items).toEqual([]);
  });
});
