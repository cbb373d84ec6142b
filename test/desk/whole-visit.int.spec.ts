import { afterEach, describe, expect, it } from 'vitest';
import type { VisitState } from '../../shared/clinic/visit/state.js';
import { staffedDesk } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDesk>>;
let desk: Desk | undefined;
afterEach(async () => {
  await desk?.close();
  desk = undefined;
});

describe('a whole visit through DeskCore', () => {
  it('goes from reservation to check-out; the audit trail names every step and time travel replays it', async () => {
    desk = await staffedDesk();
    const { call, refuse, clock, staff, signInAs } = desk;
    const steps: { who: string; type: string; at: string; version: number; expect: Partial<VisitState> & { balance?: number } }[] = [];
    let visitId = '';
    const step = async (who: keyof typeof staff, type: string, payload: unknown, expectAfter: Partial<VisitState> & { balance?: number } = {}) => {
      clock.advance(60_000);
      await signInAs(staff[who]);
      const result = await call('command.execute', { type, streamId: visitId, payload } as never);
      steps.push({ who: staff[who], type, at: clock.now().toISOString(), version: result.version, expect: expectAfter });
      return result;
    };

    await signInAs(staff.desk);
    const { streamId: patientId } = await call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } });
    clock.advance(60_000);
    const reserved = await call('command.execute', {
      type: 'Reserve',
      payload: {
        patientId,
        startAt: '2026-11-25T01:00:00.000Z',
        endAt: '2026-11-25T01:30:00.000Z',
        doctorId: staff.doctor,
        channel: 'phone',
        deposit: { amount: 50_000, method: 'transfer' },
      },
    });
    visitId = reserved.streamId;
    steps.push({ who: staff.desk, type: 'Reserve', at: clock.now().toISOString(), version: reserved.version, expect: { status: 'reserved', balance: -50_000 } });

    await step('desk', 'CheckIn', { channel: 'desk' }, { status: 'checked-in' });
    await step('counselor', 'StartConsultation', { consultantId: staff.counselor });
    await step(
      'counselor',
      'CompleteConsultation',
      { plan: [{ name: '보톡스 (사각턱)', price: 150_000, discount: 10_000 }, { name: '레이저 토닝', price: 100_000 }] },
      { balance: 190_000 },
    );
    await step('doctor', 'StartProcedure', { itemId: '1', performedBy: staff.doctor });
    await step('doctor', 'CompleteProcedure', { itemId: '1' });
    await step('doctor', 'StartProcedure', { itemId: '2', performedBy: staff.doctor });
    await step('doctor', 'CompleteProcedure', { itemId: '2' });
    await step('desk', 'RecordPayment', { amount: 100_000, method: 'card' }, { balance: 90_000 });
    // The patient's page lists the visit with its stage and what is still owed.
    expect((await call('patients.get', { patientId })).visits).toEqual([expect.objectContaining({ visitId, stage: 'payment', balance: 90_000, received: 150_000 })]);
    expect(await refuse('command.execute', { type: 'CheckOut', streamId: visitId, payload: {} })).toMatchObject({ code: 'BALANCE_NOT_ZERO' });
    await step('desk', 'RecordPayment', { amount: 90_000, method: 'cash' }, { balance: 0 });
    await step('desk', 'CheckOut', {}, { status: 'checked-out', balance: 0 });

    const visit = await call('visit.get', { visitId });
    expect(visit.state).toMatchObject({ status: 'checked-out', paid: 190_000, deposit: { amount: 50_000 } });
    expect(visit.state.plan.map((item) => [item.itemId, item.status, item.performedBy])).toEqual([
      ['1', 'completed', staff.doctor],
      ['2', 'completed', staff.doctor],
    ]);
    expect(visit.patient).toMatchObject({ patientId, name: '김민수' });
    expect((await call('patients.get', { patientId })).visits).toEqual([expect.objectContaining({ visitId, stage: 'checked-out', balance: 0, received: 240_000 })]);

    // The audit trail: every step, by the right person, newest first.
    await signInAs(staff.manager);
    const audit = await call('audit.query', { patientId, limit: 100 });
    const visitRows = audit.items.filter((row) => row.streamId === visitId).reverse();
    expect(visitRows.map((row) => [row.eventType, row.staffId])).toEqual(
      steps.map((s) => [
        {
          Reserve: 'Reserved',
          CheckIn: 'CheckedIn',
          StartConsultation: 'ConsultationStarted',
          CompleteConsultation: 'ConsultationCompleted',
          StartProcedure: 'ProcedureStarted',
          CompleteProcedure: 'ProcedureCompleted',
          RecordPayment: 'PaymentRecorded',
          CheckOut: 'CheckedOut',
        }[s.type],
        s.who,
      ]),
    );
    expect(visitRows.every((row) => row.patientName === '김민수' && row.deviceId === desk?.core.installationId)).toBe(true);
    expect(visitRows.find((row) => row.eventType === 'PaymentRecorded')?.staffName).toBe('이수진');
    // A period is half-open: an event at `from` is in it, one at `to` is not.
    const period = await call('audit.query', { patientId, from: steps[2]?.at, to: steps[4]?.at, limit: 100 });
    expect(period.items.map((row) => row.at).reverse()).toEqual([steps[2]?.at, steps[3]?.at]);
    const registered = audit.items.find((row) => row.eventType === 'PatientRegistered');
    expect(registered).toMatchObject({ staffId: staff.desk, patientId });

    // Time travel: the visit as it was after each step, by version and by instant.
    for (const s of steps) {
      const byVersion = await call('visit.stateAt', { visitId, version: s.version });
      const byInstant = await call('visit.stateAt', { visitId, at: s.at });
      expect(byInstant).toEqual(byVersion);
      const { balance, ...rest } = s.expect;
      expect(byVersion.state).toMatchObject(rest);
      if (balance !== undefined) {
        const st = byVersion.state;
        const owed = st.plan.reduce((sum, i) => sum + i.price - i.discount, 0) - (st.deposit?.amount ?? 0) - st.paid + st.refunded;
        expect(owed).toBe(balance);
      }
    }
    const beforeAnything = await call('visit.stateAt', { visitId, at: '2026-11-24T00:00:00.000Z' });
    expect(beforeAnything).toMatchObject({ version: 0, state: { status: 'none' } });
    const history = await call('visit.history', { visitId });
    expect(history.events.map((e) => e.version)).toEqual(history.events.map((_, i) => i + 1));
  });
});
