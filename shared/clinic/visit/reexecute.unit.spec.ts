/**
 * What a rebase (docs/architecture.md, "Sync and rebase") does with a visit command whose rule no longer holds once another
 * desk's events are in: an observation is appended with AnomalyFlagged, an intent throws.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../eventsourcing/index.js';
import type { InMemoryEventStore } from '../../eventsourcing/testing/index.js';
import { clinicKernel, fresh, seedStream } from '../testing/clinic-kernel.js';
import { DOCTOR_ID, INTENTS, OBSERVATIONS, PATIENT_ID, VISIT_ID, anyVisitCommand, at, patientCommand, staffCommand, visitCommand } from '../testing/commands.js';
import {
  PLAN_TOTAL,
  canceled,
  checkedIn,
  consultationStarted,
  paid,
  procedureCompleted,
  procedureStarted,
  reserved,
  soothingCompleted,
  soothingStarted,
  whenCheckedIn,
  whenCheckedOut,
  whenPlanned,
  whenReserved,
  visitStateOf,
} from '../testing/visit-events.js';
import type { VisitIntentType, VisitObservationType } from './commands.js';
import type { VisitEvent } from './events.js';
import { balanceOf, visitStream, type VisitState } from './index.js';

const seedVisit = (store: InMemoryEventStore, events: VisitEvent[]) => seedStream(store, 'visit', VISIT_ID, events);
const typesAndData = (events: readonly { type: string; data: unknown }[]) => events.map((event) => [event.type, event.data]);

describe('visit: reexecute on rebase', () => {
  it('appends a payment taken at another desk after this visit was checked out, with an anomaly', () => {
    const { headspring, store } = clinicKernel();
    // This desk ran the whole visit …
    const { streamId } = headspring.execute(
      fresh(visitCommand('Reserve', { patientId: PATIENT_ID, startAt: at('01:00'), endAt: at('01:30') }, { streamId: undefined })),
    );
    const run = (command: Command) => headspring.execute(fresh({ ...command, streamId }));
    run(visitCommand('CheckIn', { channel: 'desk' }));
    run(visitCommand('StartConsultation', { consultantId: DOCTOR_ID }));
    run(visitCommand('CompleteConsultation', { plan: [{ name: 'Botox', price: 200_000 }] }));
    run(visitCommand('StartProcedure', { itemId: '1', performedBy: DOCTOR_ID }));
    run(visitCommand('CompleteProcedure', { itemId: '1' }));
    run(visitCommand('RecordPayment', { amount: 200_000, method: 'card' }));
    run(visitCommand('CheckOut', {}));
    // … while another desk, offline, also took 10,000 in cash. Its command is re-run here.
    const cash = fresh(visitCommand('RecordPayment', { amount: 10_000, method: 'cash' }, { streamId, issuedBy: 'desk-2-staff' }));

    expect(() => headspring.execute(cash)).toThrowError(expect.objectContaining({ code: 'VISIT_CLOSED' }));
    const result = headspring.reexecute(cash);

    expect(result.anomaly?.code).toBe('VISIT_CLOSED');
    expect(typesAndData(result.events)).toEqual([
      ['PaymentRecorded', { amount: 10_000, method: 'cash' }],
      ['AnomalyFlagged', { rule: 'VISIT_CLOSED', detail: 'The patient has checked out: cannot take a payment', commandType: 'RecordPayment' }],
    ]);
    expect(result.events.map((event) => event.meta.commandId)).toEqual([cash.commandId, cash.commandId]);
    expect(result.events.map((event) => event.meta.initiator)).toEqual(['desk-2-staff', 'desk-2-staff']);
    const state = headspring.load(streamId).state as VisitState;
    expect(state).toMatchObject({ status: 'checked-out', paid: 210_000 });
    expect(balanceOf(state)).toBe(-10_000); // the money is never lost: staff see they owe it back
    expect(store.all()).toHaveLength(10);
  });

  it('appends a procedure started out of plan order, marked in progress, with an anomaly', () => {
    const { headspring, store } = clinicKernel();
    seedVisit(store, whenPlanned);
    const second = fresh(visitCommand('StartProcedure', { itemId: '2', performedBy: DOCTOR_ID }));
    expect(() => headspring.execute(second)).toThrowError(expect.objectContaining({ code: 'PROCEDURE_OUT_OF_ORDER' }));
    const result = headspring.reexecute(second);
    expect(result.events.map((event) => event.type)).toEqual(['ProcedureStarted', 'AnomalyFlagged']);
    const state = headspring.load(VISIT_ID).state as VisitState;
    expect(state.plan.map((planned) => planned.status)).toEqual(['pending', 'in-progress']);
    expect(state.anomalies).toEqual([
      { rule: 'PROCEDURE_OUT_OF_ORDER', detail: expect.stringContaining('comes first in the plan'), commandType: 'StartProcedure' },
    ]);
  });

  it('appends a check-in after another desk canceled the reservation: the patient is here', () => {
    const { headspring, store } = clinicKernel();
    seedVisit(store, [reserved(), canceled]);
    const result = headspring.reexecute(fresh(visitCommand('CheckIn', { channel: 'kiosk' })));
    expect(result.anomaly?.code).toBe('VISIT_CLOSED');
    expect((headspring.load(VISIT_ID).state as VisitState).status).toBe('checked-in');
  });

  it('appends an observation that still holds without an anomaly', () => {
    const { headspring, store } = clinicKernel();
    seedVisit(store, whenPlanned);
    const result = headspring.reexecute(fresh(visitCommand('StartProcedure', { itemId: '1', performedBy: DOCTOR_ID })));
    expect(result.anomaly).toBeUndefined();
    expect(result.events.map((event) => event.type)).toEqual(['ProcedureStarted']);
  });


  /** For every observation: a history that now breaks its rule, and the rule. */
  const broken: { [T in VisitObservationType]: [VisitEvent[], string] } = {
    CheckIn: [[reserved(), canceled], 'VISIT_CLOSED'],
    RegisterWalkIn: [whenReserved, 'VISIT_EXISTS'],
    AbandonVisit: [whenReserved, 'NOT_CHECKED_IN'],
    StartConsultation: [whenPlanned, 'CONSULTATION_ALREADY_COMPLETED'],
    CompleteConsultation: [whenCheckedIn, 'CONSULTATION_NOT_STARTED'],
    StartProcedure: [[...whenCheckedIn, consultationStarted], 'NO_PLAN'],
    CompleteProcedure: [whenPlanned, 'PROCEDURE_NOT_STARTED'],
    SkipProcedure: [[...whenPlanned, procedureStarted('1'), procedureCompleted('1')], 'PLAN_ITEM_DONE'],
    TakePhotos: [whenCheckedOut, 'VISIT_CLOSED'],
    StartSoothingCare: [[...whenCheckedIn, soothingStarted, soothingCompleted], 'SOOTHING_CARE_ALREADY_DONE'],
    CompleteSoothingCare: [whenCheckedIn, 'SOOTHING_CARE_NOT_STARTED'],
    RecordPayment: [[...whenPlanned, paid(PLAN_TOTAL)], 'PAYMENT_EXCEEDS_BALANCE'],
    RefundPayment: [whenCheckedIn, 'REFUND_EXCEEDS_PAID'],
    CheckOut: [whenPlanned, 'PLAN_NOT_FINISHED'],
    AddMemo: [[], 'VISIT_NOT_FOUND'],
    RecordConsent: [whenCheckedOut, 'VISIT_CLOSED'],
  };

  it('has an example for exactly the observations the visit declares, and one for each intent', () => {
    expect(Object.keys(broken).sort()).toEqual([...OBSERVATIONS].sort());
    expect(Object.keys(stale).sort()).toEqual([...INTENTS].sort());
  });

  it.each(OBSERVATIONS)('appends %s with AnomalyFlagged where execute refuses it', (type) => {
    const [given, rule] = broken[type];
    const { headspring, store } = clinicKernel();
    seedVisit(store, given);
    const command = fresh(anyVisitCommand(type));
    const before = given.length;

    expect(() => headspring.execute(command)).toThrowError(expect.objectContaining({ code: rule }));
    expect(store.all()).toHaveLength(before);

    const result = headspring.reexecute(command);
    const facts = visitStream.record?.(visitStateOf(given), command) ?? [];
    expect(facts.length).toBeGreaterThan(0);
    expect(result.anomaly?.code).toBe(rule);
    expect(typesAndData(result.events)).toEqual(
      typesAndData([...facts, { type: 'AnomalyFlagged', data: { rule, detail: result.anomaly?.message, commandType: type } }]),
    );
    expect(store.all()).toHaveLength(before + facts.length + 1);
  });

  /** For every intent: a history where it no longer holds, and the rule. */
  const stale: { [T in VisitIntentType]: [VisitEvent[], Command, string] } = {
    Reserve: [whenReserved, anyVisitCommand('Reserve'), 'VISIT_EXISTS'],
    Reschedule: [whenCheckedIn, anyVisitCommand('Reschedule'), 'ALREADY_CHECKED_IN'],
    CancelReservation: [whenCheckedIn, anyVisitCommand('CancelReservation'), 'ALREADY_CHECKED_IN'],
    MarkNoShow: [[reserved(), canceled], anyVisitCommand('MarkNoShow'), 'VISIT_CLOSED'],
    AssignDoctor: [whenCheckedOut, anyVisitCommand('AssignDoctor'), 'VISIT_CLOSED'],
    ChangeProcedurePlan: [
      [...whenPlanned, procedureStarted('1'), procedureCompleted('1')],
      visitCommand('ChangeProcedurePlan', { plan: [{ itemId: '2', name: 'Laser toning' }] }),
      'PLAN_DROPS_DONE_ITEM',
    ],
  };

  it.each(Object.entries(stale))('throws for %s when it no longer holds, and writes nothing', (_type, [given, command, rule]) => {
    const { headspring, store } = clinicKernel();
    seedVisit(store, given);
    expect(() => headspring.reexecute(fresh(command))).toThrowError(expect.objectContaining({ code: rule }));
    expect(store.all()).toHaveLength(given.length);
  });

  it('throws for patient and staff intents that no longer hold', () => {
    const { headspring, store } = clinicKernel();
    const older = '0190a000-0000-7000-8000-000000000001';
    seedStream(store, 'patient', PATIENT_ID, [
      { type: 'PatientRegistered', data: { name: '김민수', phone: '010-1234-5678', chartNumber: 'D1-1' } },
      { type: 'PatientMerged', data: { into: older } },
    ]);
    // Merged into another record than this command names: the merge no longer holds.
    expect(() => headspring.reexecute(fresh(patientCommand('MergePatients', { into: '0190a000-0000-7000-8000-000000000002' })))).toThrowError(
      expect.objectContaining({ code: 'PATIENT_MERGED' }),
    );
    seedStream(store, 'staff', DOCTOR_ID, [
      { type: 'StaffRegistered', data: { name: 'Dr. Lee', role: 'doctor', pinHash: 'scrypt$x' } },
      { type: 'StaffDeactivated', data: {} },
    ]);
    expect(() => headspring.reexecute(fresh(staffCommand('ChangeStaffRole', { role: 'manager' })))).toThrowError(
      expect.objectContaining({ code: 'STAFF_DEACTIVATED' }),
    );
    expect(store.all()).toHaveLength(4);
  });

  it('is done with no events for an intent whose effect already holds (another desk did the same)', () => {
    const { headspring, store } = clinicKernel();
    seedVisit(store, [reserved(), canceled]);
    expect(headspring.reexecute(fresh(visitCommand('CancelReservation', {}))).events).toEqual([]);
    const older = '0190a000-0000-7000-8000-000000000001';
    seedStream(store, 'patient', PATIENT_ID, [
      { type: 'PatientRegistered', data: { name: '김민수', phone: '010-1234-5678', chartNumber: 'D1-1' } },
      { type: 'PatientMerged', data: { into: older } },
    ]);
    expect(headspring.reexecute(fresh(patientCommand('MergePatients', { into: older }))).events).toEqual([]);
    seedStream(store, 'staff', DOCTOR_ID, [
      { type: 'StaffRegistered', data: { name: 'Dr. Lee', role: 'doctor', pinHash: 'scrypt$x' } },
      { type: 'StaffDeactivated', data: {} },
    ]);
    expect(headspring.reexecute(fresh(staffCommand('DeactivateStaff', {}))).events).toEqual([]);
    expect(store.all()).toHaveLength(6);
  });

  it('rehydrates a long visit from its snapshot to the same state', () => {
    const { headspring, store } = clinicKernel();
    seedVisit(store, [reserved(), checkedIn()]);
    for (let i = 0; i < 25; i++) headspring.execute(fresh(visitCommand('AddMemo', { text: `note ${i}` })));
    expect(store.latestSnapshot(VISIT_ID)?.version).toBe(20);
    const { headspring: restarted } = clinicKernel(store); // an app restart: nothing in memory
    expect(restarted.load(VISIT_ID)).toEqual(headspring.load(VISIT_ID));
    expect((restarted.load(VISIT_ID).state as VisitState).memos).toBe(25);
  });
});

