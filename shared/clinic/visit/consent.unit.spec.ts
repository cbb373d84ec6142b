/**
 * RecordConsent: the patient signed a consent form. An observation, recorded while the patient is
 * checked in; the same form in the same version once per visit.
 */
import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import { visitCommand } from '../testing/commands.js';
import {
  closedVisits,
  consentRecorded,
  procedureStarted,
  visitStateOf,
  whenCheckedIn,
  whenPlanned,
  whenReserved,
  walkedIn,
} from '../testing/visit-events.js';
import { visitDecider } from './index.js';

const spec = deciderSpecification(visitDecider);
const consent = (form = 'Botox consent', formVersion = '2026-01') => visitCommand('RecordConsent', { form, formVersion });

describe('visit: consent', () => {
  describe('when checked in', () => {
    it('records the signed form and its version', () => {
      spec.given(whenCheckedIn).when(consent()).then([consentRecorded()]);
      expect(visitStateOf([...whenCheckedIn, consentRecorded()]).consents).toEqual([{ form: 'Botox consent', formVersion: '2026-01' }]);
    });

    it('records it for a walk-in too, and during a procedure', () => {
      spec.given([walkedIn()]).when(consent()).then([consentRecorded()]);
      spec.given([...whenPlanned, procedureStarted('1')]).when(consent('Laser consent', 'v3')).then([consentRecorded('Laser consent', 'v3')]);
    });

    it('records another form, or another version of the same form', () => {
      const signed = [...whenCheckedIn, consentRecorded()];
      spec.given(signed).when(consent('Photo consent', '2026-01')).then([consentRecorded('Photo consent', '2026-01')]);
      spec.given(signed).when(consent('Botox consent', '2026-02')).then([consentRecorded('Botox consent', '2026-02')]);
    });

    it('refuses the same form in the same version twice: CONSENT_ALREADY_RECORDED', () => {
      spec.given([...whenCheckedIn, consentRecorded()]).when(consent()).thenThrows('CONSENT_ALREADY_RECORDED');
    });
  });

  describe('when not checked in', () => {
    it('refuses a visit that does not exist: VISIT_NOT_FOUND', () => {
      spec.given([]).when(consent()).thenThrows('VISIT_NOT_FOUND');
    });

    it('refuses before check-in: NOT_CHECKED_IN', () => {
      spec.given(whenReserved).when(consent()).thenThrows('NOT_CHECKED_IN');
    });

    it.each(Object.entries(closedVisits))('refuses a visit that is %s: VISIT_CLOSED', (_how, given) => {
      spec.given(given).when(consent()).thenThrows('VISIT_CLOSED');
    });
  });
});
