import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import { clinicCommand } from '../testing/commands.js';
import { CLINIC_STREAM_ID, clinicCommandPayloads } from './commands.js';
import type { ClinicEvent } from './events.js';
import { clinicDecider, evolveClinic, initialClinicState } from './index.js';

const spec = deciderSpecification(clinicDecider);
const stateOf = (events: ClinicEvent[]) => events.reduce(evolveClinic, initialClinicState());

const hours = { mon: { open: '10:00', close: '20:00' }, sat: { open: '10:00', close: '15:00' } };
const configured: ClinicEvent = { type: 'ClinicConfigured', data: { name: '청담 피부과', timeZone: 'Asia/Seoul', hours } };

describe('clinic settings', () => {
  describe('when not configured', () => {
    it('already has the default time zone and no hours', () => {
      expect(initialClinicState()).toEqual({ configured: false, name: null, timeZone: 'Asia/Seoul', hours: {} });
    });

    it('configures the clinic on its one stream', () => {
      spec.given([]).when(clinicCommand({ name: '청담 피부과', timeZone: 'Asia/Seoul', hours })).then([configured]);
      expect(stateOf([configured])).toEqual({ configured: true, name: '청담 피부과', timeZone: 'Asia/Seoul', hours });
    });

    it('fills the defaults the schema gives: Asia/Seoul and no hours', () => {
      const payload = clinicCommandPayloads.ConfigureClinic.parse({ name: '청담 피부과' });
      spec.given([]).when(clinicCommand(payload)).then([
        { type: 'ClinicConfigured', data: { name: '청담 피부과', timeZone: 'Asia/Seoul', hours: {} } },
      ]);
    });

    it('refuses settings sent to another stream', () => {
      expect(CLINIC_STREAM_ID).toBe('clinic');
      spec.given([]).when(clinicCommand({ name: 'X', timeZone: 'Asia/Seoul', hours: {} }, { streamId: 'visit-1' })).thenThrows('WRONG_CLINIC_STREAM');
    });
  });

  describe('when configured', () => {
    it('configures again: each time the whole settings', () => {
      spec.given([configured]).when(clinicCommand({ name: '청담 피부과 2호점', timeZone: 'Asia/Tokyo', hours: {} })).then([
        { type: 'ClinicConfigured', data: { name: '청담 피부과 2호점', timeZone: 'Asia/Tokyo', hours: {} } },
      ]);
      expect(
        stateOf([configured, { type: 'ClinicConfigured', data: { name: 'B', timeZone: 'Asia/Tokyo', hours: {} } }]),
      ).toEqual({ configured: true, name: 'B', timeZone: 'Asia/Tokyo', hours: {} });
    });
  });
});
