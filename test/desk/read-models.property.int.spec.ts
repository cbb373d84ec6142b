/**
 * Property: whatever commands staff send (most of them refused by the rules), rebuilding every
 * read model from the log gives exactly the rows the inline projections wrote, and so does
 * resetting and re-projecting each stream on its own (what a rebase does).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { balanceOf, type VisitState } from '../../shared/clinic/visit/state.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { openDeskStore } from '../../src-main/core/store/desk-store.js';
import { openTestDesk, PIN, testClock, type TestDesk } from '../support/desk-harness.js';

const clock = testClock('2026-11-25T00:00:00.000Z');
let dataDir: string;
let staff: { manager: string; doctor: string; nurse: string };

const readModelDump = (db: { prepare: (sql: string) => { all: () => unknown[] } }) =>
  JSON.stringify(deskProjections.flatMap((p) => p.tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()])));

beforeAll(async () => {
  const desk = await openTestDesk({ clock });
  dataDir = desk.dataDir;
  const manager = (await desk.call('staff.register', { name: '김지현', role: 'manager', pin: PIN })).streamId;
  await desk.call('session.signIn', { staffId: manager, pin: PIN });
  staff = {
    manager,
    doctor: (await desk.call('staff.register', { name: '최민호', role: 'doctor', pin: PIN })).streamId,
    nurse: (await desk.call('staff.register', { name: '한예린', role: 'nurse', pin: PIN })).streamId,
  };
  await desk.close();
});

afterAll(() => undefined);

const pick = fc.nat({ max: 7 });
const amount = fc.integer({ min: 1, max: 400_000 });
const planItem = fc.record({ name: fc.constantFrom('보톡스', '필러', '레이저', '리프팅'), price: fc.integer({ min: 0, max: 300_000 }), discount: fc.integer({ min: 0, max: 50_000 }) });
const step = fc.oneof(
  // Most steps move a visit along the clinic flow, so deep states (procedures, payments) are reached.
  { weight: 6, arbitrary: fc.record({ op: fc.constant('advance' as const), visit: pick, plan: fc.array(planItem, { minLength: 1, maxLength: 3 }) }) },
  fc.record({ op: fc.constant('patient' as const), name: fc.constantFrom('김민수', '이서연', '박지호', '김민수'), phone: fc.constantFrom('010-1111-2222', '010-3333-4444') }),
  fc.record({ op: fc.constant('reserve' as const), patient: pick, hour: fc.integer({ min: 0, max: 47 }), minutes: fc.integer({ min: -30, max: 90 }) }),
  fc.record({ op: fc.constant('walk-in' as const), patient: pick }),
  fc.record({ op: fc.constant('merge' as const), patient: pick, into: pick }),
  fc.record({ op: fc.constant('contact' as const), patient: pick, phone: fc.constantFrom('010-5555-6666', '010-1111-2222') }),
  fc.record({
    op: fc.constant('visit' as const),
    visit: pick,
    type: fc.constantFrom(
      'Reschedule', 'CancelReservation', 'MarkNoShow', 'CheckIn', 'AbandonVisit', 'AssignDoctor', 'StartConsultation',
      'CompleteConsultation', 'ChangeProcedurePlan', 'StartProcedure', 'CompleteProcedure', 'SkipProcedure', 'TakePhotos',
      'StartSoothingCare', 'CompleteSoothingCare', 'RecordPayment', 'RefundPayment', 'CheckOut', 'AddMemo',
    ),
    item: fc.constantFrom('1', '2', '3'),
    amount,
    plan: fc.array(planItem, { maxLength: 3 }),
  }),
);

const payloadFor = (type: string, s: { item: string; amount: number; plan: { name: string; price: number; discount: number }[] }) => {
  switch (type) {
    case 'Reschedule':
      return { startAt: clock.now().toISOString(), endAt: new Date(clock.now().getTime() + 1_800_000).toISOString() };
    case 'CheckIn':
      return { channel: 'desk' };
    case 'AssignDoctor':
      return { doctorId: staff.doctor };
    case 'StartConsultation':
      return { consultantId: staff.manager };
    case 'CompleteConsultation':
      return { plan: s.plan };
    case 'ChangeProcedurePlan':
      return { plan: [{ itemId: s.item, name: '보톡스', price: 10_000 }, ...s.plan] };
    case 'StartProcedure':
      return { itemId: s.item, performedBy: staff.nurse };
    case 'CompleteProcedure':
      return { itemId: s.item };
    case 'SkipProcedure':
      return { itemId: s.item, reason: '환자 요청' };
    case 'TakePhotos':
      return { stage: 'before', count: 2 };
    case 'RecordPayment':
      return { amount: s.amount, method: 'card' };
    case 'RefundPayment':
      return { amount: s.amount };
    case 'AddMemo':
      return { text: '메모' };
    default:
      return {};
  }
};

/** The natural next command for a visit, as staff would send it. */
const nextStep = (state: VisitState, plan: unknown[]): { type: string; payload: unknown } | undefined => {
  if (state.status === 'reserved') return { type: 'CheckIn', payload: { channel: 'kiosk' } };
  if (state.status !== 'checked-in') return undefined;
  if (state.consultation.status === 'none' && !state.directProcedure) return { type: 'StartConsultation', payload: { consultantId: staff.manager } };
  if (state.consultation.status === 'in-progress') return { type: 'CompleteConsultation', payload: { plan } };
  const running = state.plan.find((item) => item.status === 'in-progress');
  if (running) return { type: 'CompleteProcedure', payload: { itemId: running.itemId } };
  const pending = state.plan.find((item) => item.status === 'pending');
  if (pending) return { type: 'StartProcedure', payload: { itemId: pending.itemId, performedBy: staff.doctor } };
  if (state.soothingCare === 'none') return { type: 'StartSoothingCare', payload: {} };
  if (state.soothingCare === 'in-progress') return { type: 'CompleteSoothingCare', payload: {} };
  const owed = balanceOf(state);
  if (owed > 0) return { type: 'RecordPayment', payload: { amount: owed, method: 'cash' } };
  if (owed < 0) return { type: 'RefundPayment', payload: { amount: -owed } };
  return { type: 'CheckOut', payload: {} };
};

describe('read models (property)', () => {
  it('rebuilt from the log, or re-projected stream by stream, equal the inline read models', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), async (steps) => {
        const desk: TestDesk = await openTestDesk({ dataDir, clock });
        try {
          await desk.call('session.signIn', { staffId: staff.manager, pin: PIN });
          // every change as the manager's screen sends it
          const execute = (args: object) =>
            desk.core.invoke('command.execute', { ...args, actingStaffId: staff.manager });
          const patients: string[] = (await desk.call('patients.search', { q: '010' })).items.map((p) => p.patientId);
          const visits: string[] = [];
          for (const s of steps) {
            clock.advance(60_000);
            const of = <T>(list: T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];
            let response;
            if (s.op === 'patient') {
              response = await execute({ type: 'RegisterPatient', payload: { name: s.name, phone: s.phone } });
              if (response.ok) patients.push((response.result as { streamId: string }).streamId);
            } else if (s.op === 'reserve' || s.op === 'walk-in') {
              const patientId = of(patients, s.patient);
              if (!patientId) continue;
              const start = clock.now().getTime() + (s.op === 'reserve' ? s.hour * 1_800_000 : 0);
              response = await execute(
                s.op === 'reserve'
                  ? { type: 'Reserve', payload: { patientId, doctorId: staff.doctor, startAt: new Date(start).toISOString(), endAt: new Date(start + s.minutes * 60_000).toISOString() } }
                  : { type: 'RegisterWalkIn', payload: { patientId } },
              );
              if (response.ok) visits.push((response.result as { streamId: string }).streamId);
            } else if (s.op === 'advance') {
              const visitId = of(visits, s.visit);
              if (!visitId) continue;
              const visit = await desk.core.invoke('visit.get', { visitId });
              if (!visit.ok) continue;
              const next = nextStep((visit.result as { state: VisitState }).state, s.plan);
              if (next) await execute({ ...next, streamId: visitId });
            } else if (s.op === 'merge') {
              const [a, b] = [of(patients, s.patient), of(patients, s.into)];
              if (a && b) await execute({ type: 'MergePatients', streamId: a > b ? a : b, payload: { into: a > b ? b : a } });
            } else if (s.op === 'contact') {
              const patientId = of(patients, s.patient);
              if (patientId) await execute({ type: 'UpdatePatientContact', streamId: patientId, payload: { phone: s.phone } });
            } else {
              const visitId = of(visits, s.visit);
              if (visitId) await execute({ type: s.type, streamId: visitId, payload: payloadFor(s.type, s) });
            }
          }
        } finally {
          await desk.close();
        }
        const store = openDeskStore({ dataDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: clock.now });
        try {
          const inline = readModelDump(store.reader);
          const streams = store.reader.prepare('SELECT DISTINCT stream_id FROM events').pluck().all() as string[];
          store.events.transaction(() => streams.forEach((id) => store.events.projections.reprojectStream(id)));
          expect(readModelDump(store.reader)).toBe(inline);
          store.events.projections.rebuildAll();
          expect(readModelDump(store.reader)).toBe(inline);
        } finally {
          store.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
