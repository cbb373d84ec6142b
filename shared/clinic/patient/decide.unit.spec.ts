import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import { PATIENT_ID, patientCommand } from '../testing/commands.js';
import type { PatientEvent } from './events.js';
import { evolvePatient, initialPatientState, patientDecider } from './index.js';

const spec = deciderSpecification(patientDecider);
const stateOf = (events: PatientEvent[]) => events.reduce(evolvePatient, initialPatientState());

const registered: PatientEvent = {
  type: 'PatientRegistered',
  data: { name: '김민수', phone: '010-1234-5678', chartNumber: 'D7F3A-12' },
};
/** UUIDv7s made earlier and later than PATIENT_ID (0190a000-…-00000000a001). */
const OLDER = '0190a000-0000-7000-8000-000000000001';
const NEWER = '0190b000-0000-7000-8000-000000000001';
const merged: PatientEvent = { type: 'PatientMerged', data: { into: OLDER } };

describe('patient', () => {
  describe('when there is no record', () => {
    it('registers a patient with the chart number the desk made', () => {
      spec
        .given([])
        .when(patientCommand('RegisterPatient', { name: '김민수', phone: '010-1234-5678', chartNumber: 'D7F3A-12' }))
        .then([registered]);
    });

    it('keeps a birth date when given', () => {
      spec
        .given([])
        .when(patientCommand('RegisterPatient', { name: '이서연', phone: '01098765432', chartNumber: 'D7F3A-13', birthDate: '1990-04-01' }))
        .then([{ type: 'PatientRegistered', data: { name: '이서연', phone: '01098765432', chartNumber: 'D7F3A-13', birthDate: '1990-04-01' } }]);
      expect(stateOf([registered])).toEqual({ status: 'registered', name: '김민수', phone: '010-1234-5678', chartNumber: 'D7F3A-12', birthDate: null });
    });

    it('refuses changes and merges: PATIENT_NOT_FOUND', () => {
      spec.given([]).when(patientCommand('UpdatePatientContact', { phone: '010-0000-0000' })).thenThrows('PATIENT_NOT_FOUND');
      spec.given([]).when(patientCommand('MergePatients', { into: OLDER })).thenThrows('PATIENT_NOT_FOUND');
    });
  });

  describe('when registered', () => {
    it('refuses to register the same record again', () => {
      spec
        .given([registered])
        .when(patientCommand('RegisterPatient', { name: '김민수', phone: '010-1234-5678', chartNumber: 'D7F3A-12' }))
        .thenThrows('PATIENT_EXISTS');
    });

    it('updates only what changed', () => {
      spec.given([registered]).when(patientCommand('UpdatePatientContact', { phone: '010-5555-6666' })).then([
        { type: 'PatientContactUpdated', data: { phone: '010-5555-6666' } },
      ]);
      spec.given([registered]).when(patientCommand('UpdatePatientContact', { name: '김민수', phone: '010-5555-6666' })).then([
        { type: 'PatientContactUpdated', data: { phone: '010-5555-6666' } },
      ]);
      spec.given([registered]).when(patientCommand('UpdatePatientContact', { name: '김민준' })).then([
        { type: 'PatientContactUpdated', data: { name: '김민준' } },
      ]);
      expect(stateOf([registered, { type: 'PatientContactUpdated', data: { phone: '010-5555-6666' } }])).toMatchObject({
        name: '김민수',
        phone: '010-5555-6666',
      });
    });

    it('refuses an update that changes nothing', () => {
      spec.given([registered]).when(patientCommand('UpdatePatientContact', { name: '김민수' })).thenThrows('NOTHING_CHANGED');
      spec
        .given([registered])
        .when(patientCommand('UpdatePatientContact', { name: '김민수', phone: '010-1234-5678' }))
        .thenThrows('NOTHING_CHANGED');
    });

    it('merges into an older record', () => {
      spec.given([registered]).when(patientCommand('MergePatients', { into: OLDER })).then([merged]);
      // UUIDs compare case-insensitively; the event keeps the id as given
      spec.given([registered]).when(patientCommand('MergePatients', { into: OLDER.toUpperCase() })).then([
        { type: 'PatientMerged', data: { into: OLDER.toUpperCase() } },
      ]);
    });

    it('refuses to merge into itself', () => {
      spec.given([registered]).when(patientCommand('MergePatients', { into: PATIENT_ID })).thenThrows('MERGE_INTO_SELF');
      spec.given([registered]).when(patientCommand('MergePatients', { into: PATIENT_ID.toUpperCase() })).thenThrows('MERGE_INTO_SELF');
    });

    it('refuses to merge into a newer record: the older UUIDv7 survives', () => {
      spec.given([registered]).when(patientCommand('MergePatients', { into: NEWER })).thenThrows('MERGE_TARGET_NOT_OLDER');
    });
  });

  describe('when merged', () => {
    it('names the survivor and keeps the last known details', () => {
      expect(stateOf([registered, merged])).toEqual({
        status: 'merged',
        mergedInto: OLDER,
        name: '김민수',
        phone: '010-1234-5678',
        chartNumber: 'D7F3A-12',
        birthDate: null,
      });
    });

    it('refuses changes and another merge: PATIENT_MERGED', () => {
      spec.given([registered, merged]).when(patientCommand('UpdatePatientContact', { phone: '010-5555-6666' })).thenThrows('PATIENT_MERGED');
      spec.given([registered, merged]).when(patientCommand('MergePatients', { into: OLDER })).thenThrows('PATIENT_MERGED');
    });

    it('refuses to register the record again', () => {
      spec
        .given([registered, merged])
        .when(patientCommand('RegisterPatient', { name: '김민수', phone: '010-1234-5678', chartNumber: 'D7F3A-12' }))
        .thenThrows('PATIENT_EXISTS');
    });
  });

  it('ignores facts about a record that does not exist', () => {
    expect(stateOf([merged, { type: 'PatientContactUpdated', data: { name: 'x' } }])).toEqual({ status: 'none' });
  });
});
