import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import {
  DOCTOR_ID,
  NOW,
  OTHER_DOCTOR_ID,
  PATIENT_ID,
  anyVisitCommand,
  at,
  visitCommand,
} from '../testing/commands.js';
import { abandoned, checkedIn, closedVisits, item, reserved, walkedIn, whenCheckedIn, whenReserved, visitStateOf } from '../testing/visit-events.js';
import type { VisitCommandType } from './commands.js';
import { visitDecider } from './index.js';

const spec = deciderSpecification(visitDecider);

const reserve = (payload: Partial<Parameters<typeof visitCommand<'Reserve'>>[1]> = {}) =>
  visitCommand('Reserve', { patientId: PATIENT_ID, startAt: at('01:00'), endAt: at('01:30'), ...payload });

describe('visit: reservations and arrival', () => {
  describe('when there is no visit', () => {
    it('reserves by phone unless told otherwise', () => {
      spec.given([]).when(reserve()).then([reserved()]);
    });

    it('reserves with a channel, a doctor, a purpose and a deposit', () => {
      spec
        .given([])
        .when(reserve({ channel: 'app', doctorId: DOCTOR_ID, purpose: 'Botox consult', deposit: { amount: 50_000, method: 'transfer' } }))
        .then([
          reserved({ channel: 'app', doctorId: DOCTOR_ID, purpose: 'Botox consult', deposit: { amount: 50_000, method: 'transfer' } }),
        ]);
    });

    it('books a direct procedure with a numbered plan; price and discount default to 0', () => {
      spec
        .given([])
        .when(reserve({ plan: [{ name: 'Botox', price: 200_000, discount: 10_000 }, { name: 'Aftercare mask' }] }))
        .then([reserved({ plan: [item('1', 'Botox', 200_000, 10_000), item('2', 'Aftercare mask', 0)] })]);
    });

    it('refuses a reservation that does not end after it starts', () => {
      spec.given([]).when(reserve({ endAt: at('01:00') })).thenThrows('END_NOT_AFTER_START');
      spec.given([]).when(reserve({ endAt: at('00:30') })).thenThrows('END_NOT_AFTER_START');
      // the same instant written two ways is still not after
      spec.given([]).when(reserve({ startAt: '2026-11-25T01:00:00Z', endAt: at('01:00') })).thenThrows('END_NOT_AFTER_START');
      spec.given([]).when(reserve({ startAt: '2026-11-25T01:00:00Z', endAt: '2026-11-26T01:00:00.001Z' })).thenThrows('RESERVATION_TOO_LONG');
      spec.given(whenReserved).when(visitCommand('Reschedule', { startAt: '2026-11-25T01:00:00Z', endAt: '2026-11-27T00:00:00Z' })).thenThrows('RESERVATION_TOO_LONG');
    });

    it('refuses a booked procedure whose discount exceeds its price', () => {
      spec.given([]).when(reserve({ plan: [{ name: 'Botox', price: 1_000, discount: 1_001 }] })).thenThrows('DISCOUNT_EXCEEDS_PRICE');
      spec.given([]).when(reserve({ plan: [{ name: 'Free mask', discount: 1 }] })).thenThrows('DISCOUNT_EXCEEDS_PRICE');
    });

    it('registers a walk-in: the patient is here, checked in at the time of the command', () => {
      const events = spec.given([]).when(visitCommand('RegisterWalkIn', { patientId: PATIENT_ID, purpose: 'Acne' })).thenEvents();
      expect(events).toEqual([{ type: 'WalkInRegistered', data: { patientId: PATIENT_ID, purpose: 'Acne', at: NOW } }]);
      expect(visitStateOf([...events])).toMatchObject({
        status: 'checked-in',
        walkIn: true,
        reservation: null,
        checkedIn: { at: NOW, channel: 'desk' },
        directProcedure: false,
      });
    });

    it('registers a walk-in for a known procedure with a numbered plan', () => {
      spec
        .given([])
        .when(visitCommand('RegisterWalkIn', { patientId: PATIENT_ID, doctorId: DOCTOR_ID, plan: [{ name: 'Laser', price: 90_000 }] }))
        .then([{ type: 'WalkInRegistered', data: { patientId: PATIENT_ID, doctorId: DOCTOR_ID, plan: [item('1', 'Laser', 90_000)], at: NOW } }]);
    });

    it('refuses a walk-in plan whose discount exceeds its price', () => {
      spec
        .given([])
        .when(visitCommand('RegisterWalkIn', { patientId: PATIENT_ID, plan: [{ name: 'Laser', price: 5, discount: 6 }] }))
        .thenThrows('DISCOUNT_EXCEEDS_PRICE');
    });

    const needAVisit: VisitCommandType[] = [
      'Reschedule',
      'CancelReservation',
      'MarkNoShow',
      'CheckIn',
      'AbandonVisit',
      'AssignDoctor',
      'StartConsultation',
      'CompleteConsultation',
      'ChangeProcedurePlan',
      'StartProcedure',
      'CompleteProcedure',
      'SkipProcedure',
      'TakePhotos',
      'StartSoothingCare',
      'CompleteSoothingCare',
      'RecordPayment',
      'RefundPayment',
      'CheckOut',
      'AddMemo',
      'RecordConsent',
    ];
    it.each(needAVisit)('refuses %s: VISIT_NOT_FOUND', (type) => {
      spec.given([]).when(anyVisitCommand(type)).thenThrows('VISIT_NOT_FOUND');
    });
  });

  describe('when reserved', () => {
    it('refuses another reservation or walk-in on the same stream', () => {
      spec.given(whenReserved).when(reserve()).thenThrows('VISIT_EXISTS');
      spec.given(whenReserved).when(visitCommand('RegisterWalkIn', { patientId: PATIENT_ID })).thenThrows('VISIT_EXISTS');
    });

    it('reschedules, optionally to another doctor', () => {
      spec
        .given(whenReserved)
        .when(visitCommand('Reschedule', { startAt: at('05:00'), endAt: at('05:45'), doctorId: OTHER_DOCTOR_ID }))
        .then([{ type: 'Rescheduled', data: { startAt: at('05:00'), endAt: at('05:45'), doctorId: OTHER_DOCTOR_ID } }]);
      const state = visitStateOf([
        ...whenReserved,
        { type: 'Rescheduled', data: { startAt: at('05:00'), endAt: at('05:45'), doctorId: OTHER_DOCTOR_ID } },
      ]);
      expect(state).toMatchObject({ reservation: { startAt: at('05:00'), endAt: at('05:45'), channel: 'phone' }, doctorId: OTHER_DOCTOR_ID });
    });

    it('refuses a reschedule that does not end after it starts', () => {
      spec.given(whenReserved).when(visitCommand('Reschedule', { startAt: at('05:00'), endAt: at('04:59') })).thenThrows('END_NOT_AFTER_START');
    });

    it('cancels, with or without a reason', () => {
      spec.given(whenReserved).when(visitCommand('CancelReservation', { reason: 'patient called' })).then([
        { type: 'ReservationCanceled', data: { reason: 'patient called' } },
      ]);
      spec.given(whenReserved).when(visitCommand('CancelReservation', {})).then([{ type: 'ReservationCanceled', data: {} }]);
      expect(visitStateOf([...whenReserved, { type: 'ReservationCanceled', data: { reason: 'sick' } }])).toMatchObject({
        status: 'canceled',
        closeReason: 'sick',
      });
    });

    it('marks a no-show', () => {
      spec.given(whenReserved).when(visitCommand('MarkNoShow', {})).then([{ type: 'NoShowMarked', data: {} }]);
      expect(visitStateOf([...whenReserved, { type: 'NoShowMarked', data: {} }]).status).toBe('no-show');
    });

    it('checks in at the kiosk or the desk, at the time of the command', () => {
      spec.given(whenReserved).when(visitCommand('CheckIn', { channel: 'kiosk' })).then([checkedIn('kiosk', NOW)]);
      expect(visitStateOf([...whenReserved, checkedIn('kiosk', NOW)])).toMatchObject({
        status: 'checked-in',
        walkIn: false,
        checkedIn: { at: NOW, channel: 'kiosk' },
      });
    });

    it('assigns a doctor', () => {
      spec.given(whenReserved).when(visitCommand('AssignDoctor', { doctorId: DOCTOR_ID })).then([
        { type: 'DoctorAssigned', data: { doctorId: DOCTOR_ID } },
      ]);
    });

    it.each([
      'AbandonVisit',
      'StartConsultation',
      'CompleteConsultation',
      'StartProcedure',
      'CompleteProcedure',
      'SkipProcedure',
      'TakePhotos',
      'StartSoothingCare',
      'CompleteSoothingCare',
      'RecordPayment',
      'CheckOut',
      'RecordConsent',
    ] as VisitCommandType[])('refuses %s before check-in: NOT_CHECKED_IN', (type) => {
      spec.given(whenReserved).when(anyVisitCommand(type)).thenThrows('NOT_CHECKED_IN');
    });
  });

  describe('when checked in', () => {
    it.each(['Reschedule', 'CancelReservation', 'MarkNoShow', 'CheckIn'] as VisitCommandType[])(
      'refuses %s: ALREADY_CHECKED_IN',
      (type) => {
        spec.given(whenCheckedIn).when(anyVisitCommand(type)).thenThrows('ALREADY_CHECKED_IN');
      },
    );

    it('refuses a walk-in on the same stream', () => {
      spec.given(whenCheckedIn).when(visitCommand('RegisterWalkIn', { patientId: PATIENT_ID })).thenThrows('VISIT_EXISTS');
    });

    it('assigns a doctor', () => {
      spec.given(whenCheckedIn).when(visitCommand('AssignDoctor', { doctorId: DOCTOR_ID })).then([
        { type: 'DoctorAssigned', data: { doctorId: DOCTOR_ID } },
      ]);
    });

    it('records that the patient left without finishing', () => {
      spec.given(whenCheckedIn).when(visitCommand('AbandonVisit', { reason: 'could not wait' })).then([abandoned]);
      spec.given([walkedIn()]).when(visitCommand('AbandonVisit', {})).then([{ type: 'VisitAbandoned', data: {} }]);
      expect(visitStateOf([...whenCheckedIn, abandoned])).toMatchObject({ status: 'abandoned', closeReason: 'could not wait' });
    });
  });

  describe.each(Object.entries(closedVisits))('when %s', (_name, given) => {
    it.each([
      'Reschedule',
      'CancelReservation',
      'MarkNoShow',
      'CheckIn',
      'AbandonVisit',
      'AssignDoctor',
      'StartConsultation',
      'CompleteConsultation',
      'ChangeProcedurePlan',
      'StartProcedure',
      'CompleteProcedure',
      'SkipProcedure',
      'TakePhotos',
      'StartSoothingCare',
      'CompleteSoothingCare',
      'RecordPayment',
      'CheckOut',
      'RecordConsent',
    ] as VisitCommandType[])('refuses %s: VISIT_CLOSED', (type) => {
      spec.given(given).when(anyVisitCommand(type)).thenThrows('VISIT_CLOSED');
    });

    it('refuses a new reservation on the same stream', () => {
      spec.given(given).when(reserve()).thenThrows('VISIT_EXISTS');
    });

    it('still takes a memo', () => {
      spec.given(given).when(visitCommand('AddMemo', { text: 'Called back' })).then([{ type: 'MemoAdded', data: { text: 'Called back' } }]);
    });
  });

  it('keeps a reservation walk-in channel apart from a walk-in visit', () => {
    expect(visitStateOf([reserved({ channel: 'walk-in' })])).toMatchObject({ walkIn: false, reservation: { channel: 'walk-in' } });
  });
});
