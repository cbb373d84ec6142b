/**
 * A long outage: two desks of a clinic work offline on the same day — new patients and visits, and
 * the same visits (one checks a patient in while the other cancels; both take payments on one
 * visit) — while a third desk stays online. After they reconnect, every desk and HQ hold the same
 * event list for every stream, every observation is kept, every refused intent is one conflict
 * that every desk lists, read models equal a rebuild, and a resolution on one desk shows on all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inSync, settle, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { execute, expectConverged, joinDesk, later, openClinicDay } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('a long outage', () => {
  it('two desks work offline on the same visits; after reconnecting everything converges and nothing is lost', async () => {
    clinic = await startSyncClinic();
    const a = await clinic.addDesk('A', { proxy: true });
    const day = await openClinicDay(a);
    const paidVisit = (
      await a.call('command.execute', {
        type: 'Reserve',
        payload: { patientId: day.patientId, startAt: later(30), endAt: later(60), plan: [{ name: '레이저 토닝', price: 80_000 }] },
      })
    ).streamId;
    await a.call('command.execute', { type: 'CheckIn', streamId: paidVisit, payload: { channel: 'desk' } });
    const b = await joinDesk(clinic, 'B', day);
    const c = await joinDesk(clinic, 'C', day);
    // B cancels the day's visit and pays the checked-in one below, offline: it must hold both as A left them.
    await inSync(clinic, [a, b, c]);

    await a.proxy?.down();
    await b.proxy?.down();
    // A: a new patient and visit; checks the day's patient in; takes part of the payment.
    const newPatient = await execute(a, 'RegisterPatient', undefined, { name: '오프라인', phone: '010-1010-2020' });
    await execute(a, 'Reserve', undefined, { patientId: newPatient.streamId, startAt: later(90), endAt: later(120), channel: 'walk-in' });
    const checkIn = await execute(a, 'CheckIn', day.visitId, { channel: 'desk' });
    const paidA = await execute(a, 'RecordPayment', paidVisit, { amount: 30_000, method: 'card' });
    // B: cancels the same reservation A checked in; takes the rest of the payment; books another visit.
    const cancel = await execute(b, 'CancelReservation', day.visitId, { reason: 'patient called' });
    const paidB = await execute(b, 'RecordPayment', paidVisit, { amount: 50_000, method: 'cash' });
    await execute(b, 'Reserve', undefined, { patientId: day.patientId, startAt: later(200), endAt: later(230) });
    // C stays online meanwhile.
    await execute(c, 'AddMemo', paidVisit, { text: 'C was online all along' });

    await a.proxy?.up();
    await settle(a);
    await b.proxy?.up();
    await expectConverged(clinic, [a, b, c]);

    const hq = await clinic.hqStreams();
    const commandsAtHq = new Set([...hq.values()].flat().map((event) => event.meta.commandId));
    // Every observation is kept: the check-in and both payments.
    for (const observation of [checkIn, paidA, paidB]) expect(commandsAtHq.has(observation.events[0]?.meta.commandId as string)).toBe(true);
    for (const desk of [a, b, c]) {
      expect((await desk.call('visit.get', { visitId: paidVisit })).state).toMatchObject({ paid: 80_000 });
    }
    // B's cancel no longer held (the patient had checked in): one conflict, listed on every desk.
    const cancelId = cancel.events[0]?.meta.commandId;
    const listed = await Promise.all([a, b, c].map(async (desk) => (await desk.call('conflicts.list', {})).items));
    for (const items of listed) {
      expect(items.map((item) => [item.command.commandId, item.code, item.status])).toEqual([[cancelId, 'ALREADY_CHECKED_IN', 'open']]);
      expect(items[0]?.theirs.map((event) => event.eventType)).toContain('CheckedIn');
    }
    // C dismisses it; A and B show it resolved.
    const conflictId = listed[0]?.[0]?.conflictId as string;
    await c.call('conflicts.resolve', { conflictId, action: 'dismiss', reason: 'the patient came after all' });
    await expectConverged(clinic, [a, b, c]);
    for (const desk of [a, b]) {
      const [item] = (await desk.call('conflicts.list', {})).items;
      expect(item).toMatchObject({ conflictId, status: 'dismissed', resolution: { reason: 'the patient came after all' } });
    }
    expect((await b.call('sync.status', {})).conflicts).toBe(0);
  });
});
