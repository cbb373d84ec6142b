/**
 * One example of every ClinicErrorCode, keyed by the enum: a code added without a rule that
 * raises it fails to compile here, and a rule that stops raising its code fails at run time.
 * The aspect files (visit/*.unit.spec.ts, …) test each rule in its context.
 */
import { describe, it } from 'vitest';
import type { Command, Decider, DomainEvent } from '../eventsourcing/index.js';
import { deciderSpecification } from '../eventsourcing/testing/index.js';
import { clinicDecider } from './clinic/index.js';
import type { ClinicErrorCode } from './error-codes.js';
import { patientDecider } from './patient/index.js';
import { staffDecider } from './staff/index.js';
import { PATIENT_ID, anyVisitCommand, at, clinicCommand, patientCommand, staffCommand, visitCommand } from './testing/commands.js';
import {
  PLAN_TOTAL,
  canceled,
  consentRecorded,
  item,
  paid,
  procedureCompleted,
  procedureStarted,
  reserved,
  soothingCompleted,
  soothingStarted,
  whenCheckedIn,
  whenConsulting,
  whenPlanned,
  whenReserved,
} from './testing/visit-events.js';
import { visitDecider } from './visit/index.js';

interface Example {
  readonly decider: Decider<unknown, Command, DomainEvent>;
  readonly given: readonly DomainEvent[];
  readonly when: Command;
}
const visit = (given: readonly DomainEvent[], when: Command): Example => ({ decider: visitDecider, given, when });
const patient = (given: readonly DomainEvent[], when: Command): Example => ({ decider: patientDecider, given, when });
const staff = (given: readonly DomainEvent[], when: Command): Example => ({ decider: staffDecider, given, when });

const registeredPatient = { type: 'PatientRegistered', data: { name: '김민수', phone: '010-1234-5678', chartNumber: 'D1-1' } };
const registeredStaff = { type: 'StaffRegistered', data: { name: 'Dr. Lee', role: 'doctor', pinHash: 'scrypt$x' } };
const done = [...whenPlanned, procedureStarted('1'), procedureCompleted('1')];

const examples: Record<ClinicErrorCode, Example> = {
  VISIT_EXISTS: visit(whenReserved, anyVisitCommand('Reserve')),
  VISIT_NOT_FOUND: visit([], anyVisitCommand('CheckIn')),
  END_NOT_AFTER_START: visit([], visitCommand('Reserve', { patientId: PATIENT_ID, startAt: at('02:00'), endAt: at('01:00') })),
  RESERVATION_TOO_LONG: visit([], visitCommand('Reserve', { patientId: PATIENT_ID, startAt: '2026-11-25T01:00:00Z', endAt: '2026-11-26T01:00:01Z' })),
  ALREADY_CHECKED_IN: visit(whenCheckedIn, anyVisitCommand('CancelReservation')),
  VISIT_CLOSED: visit([reserved(), canceled], anyVisitCommand('CheckIn')),
  NOT_CHECKED_IN: visit(whenReserved, anyVisitCommand('StartConsultation')),
  CONSULTATION_IN_PROGRESS: visit(whenConsulting, anyVisitCommand('StartConsultation')),
  CONSULTATION_NOT_STARTED: visit(whenCheckedIn, anyVisitCommand('CompleteConsultation')),
  CONSULTATION_ALREADY_COMPLETED: visit(whenPlanned, anyVisitCommand('StartConsultation')),
  NO_PLAN: visit(whenCheckedIn, visitCommand('ChangeProcedurePlan', { plan: [{ name: 'Botox' }] })),
  PLAN_ITEM_NOT_FOUND: visit(whenPlanned, visitCommand('StartProcedure', { itemId: '9', performedBy: PATIENT_ID })),
  PLAN_ITEM_DONE: visit(done, anyVisitCommand('StartProcedure')),
  PLAN_ITEM_REPEATED: visit(whenPlanned, visitCommand('ChangeProcedurePlan', { plan: [{ itemId: '1', name: 'a' }, { itemId: '1', name: 'b' }] })),
  PLAN_DROPS_DONE_ITEM: visit(done, visitCommand('ChangeProcedurePlan', { plan: [{ itemId: '2', name: 'Laser toning' }] })),
  PROCEDURE_IN_PROGRESS: visit([...whenPlanned, procedureStarted('1')], visitCommand('StartProcedure', { itemId: '2', performedBy: PATIENT_ID })),
  PROCEDURE_OUT_OF_ORDER: visit(whenPlanned, visitCommand('StartProcedure', { itemId: '2', performedBy: PATIENT_ID })),
  PROCEDURE_NOT_STARTED: visit(whenPlanned, anyVisitCommand('CompleteProcedure')),
  SOOTHING_CARE_IN_PROGRESS: visit([...whenCheckedIn, soothingStarted], anyVisitCommand('StartSoothingCare')),
  SOOTHING_CARE_NOT_STARTED: visit(whenCheckedIn, anyVisitCommand('CompleteSoothingCare')),
  SOOTHING_CARE_ALREADY_DONE: visit([...whenCheckedIn, soothingStarted, soothingCompleted], anyVisitCommand('CompleteSoothingCare')),
  DISCOUNT_EXCEEDS_PRICE: visit(whenConsulting, visitCommand('CompleteConsultation', { plan: [{ name: 'Botox', price: 1, discount: 2 }] })),
  PAYMENT_EXCEEDS_BALANCE: visit([...whenPlanned, paid(PLAN_TOTAL)], anyVisitCommand('RecordPayment')),
  REFUND_EXCEEDS_PAID: visit(whenCheckedIn, anyVisitCommand('RefundPayment')),
  PLAN_NOT_FINISHED: visit(whenPlanned, anyVisitCommand('CheckOut')),
  CONSENT_ALREADY_RECORDED: visit([...whenCheckedIn, consentRecorded()], anyVisitCommand('RecordConsent')),
  BALANCE_NOT_ZERO: visit([...whenCheckedIn, { type: 'ProcedurePlanChanged', data: { plan: [item('1', 'x', 5)] } }, procedureCompleted('1')], anyVisitCommand('CheckOut')),
  PATIENT_EXISTS: patient([registeredPatient], patientCommand('RegisterPatient', { name: '김민수', phone: '010-1234-5678', chartNumber: 'D1-1' })),
  PATIENT_NOT_FOUND: patient([], patientCommand('UpdatePatientContact', { name: '김민수' })),
  PATIENT_MERGED: patient([registeredPatient, { type: 'PatientMerged', data: { into: '0190a000-0000-7000-8000-000000000001' } }], patientCommand('UpdatePatientContact', { name: 'x' })),
  MERGE_INTO_SELF: patient([registeredPatient], patientCommand('MergePatients', { into: PATIENT_ID })),
  MERGE_TARGET_NOT_OLDER: patient([registeredPatient], patientCommand('MergePatients', { into: 'ffffffff-0000-7000-8000-000000000001' })),
  NOTHING_CHANGED: patient([registeredPatient], patientCommand('UpdatePatientContact', { name: '김민수' })),
  STAFF_EXISTS: staff([registeredStaff], staffCommand('RegisterStaff', { name: 'Dr. Lee', role: 'doctor', pinHash: 'scrypt$x' })),
  STAFF_NOT_FOUND: staff([], staffCommand('DeactivateStaff', {})),
  STAFF_DEACTIVATED: staff([registeredStaff, { type: 'StaffDeactivated', data: {} }], staffCommand('ChangeStaffPin', { pinHash: 'scrypt$y' })),
  SAME_ROLE: staff([registeredStaff], staffCommand('ChangeStaffRole', { role: 'doctor' })),
  LAST_ACTIVE_MANAGER: staff([registeredStaff, { type: 'StaffRoleChanged', data: { role: 'manager' } }], staffCommand('DeactivateStaff', { activeManagers: 1 })),
  WRONG_CLINIC_STREAM: {
    decider: clinicDecider,
    given: [],
    when: clinicCommand({ name: 'X', timeZone: 'Asia/Seoul', hours: {} }, { streamId: 'not-the-clinic' }),
  },
};

describe('every clinic error code is raised by a rule', () => {
  it.each(Object.entries(examples))('%s', (code, { decider, given, when }) => {
    deciderSpecification(decider).given(given).when(when).thenThrows(code);
  });
});
