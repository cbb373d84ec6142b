import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import { DOCTOR_ID, NURSE_ID, visitCommand } from '../testing/commands.js';
import {
  checkedIn,
  consultationCompleted,
  item,
  planChanged,
  procedureCompleted,
  procedureSkipped,
  procedureStarted,
  reserved,
  soothingCompleted,
  soothingStarted,
  walkedIn,
  whenCheckedIn,
  whenConsulting,
  whenPlanned,
  visitStateOf,
} from '../testing/visit-events.js';
import type { VisitEvent } from './events.js';
import { visitDecider } from './index.js';

const spec = deciderSpecification(visitDecider);
const start = (itemId: string, performedBy = DOCTOR_ID) => visitCommand('StartProcedure', { itemId, performedBy });
const complete = (itemId: string) => visitCommand('CompleteProcedure', { itemId });
const skip = (itemId: string, reason = 'redness') => visitCommand('SkipProcedure', { itemId, reason });

describe('visit: procedures', () => {
  describe('when checked in without a plan', () => {
    it('refuses a procedure before any consultation', () => {
      spec.given(whenCheckedIn).when(start('1')).thenThrows('CONSULTATION_NOT_STARTED');
    });
    it('refuses a procedure while the consultation is still making the plan', () => {
      spec.given(whenConsulting).when(start('1')).thenThrows('NO_PLAN');
    });
    it('knows no plan items to complete or skip', () => {
      spec.given(whenCheckedIn).when(complete('1')).thenThrows('PLAN_ITEM_NOT_FOUND');
      spec.given(whenCheckedIn).when(skip('1')).thenThrows('PLAN_ITEM_NOT_FOUND');
    });
  });

  describe('when the plan is fixed', () => {
    it('starts the first item, naming who performs it', () => {
      spec.given(whenPlanned).when(start('1', NURSE_ID)).then([procedureStarted('1', NURSE_ID)]);
      const state = visitStateOf([...whenPlanned, procedureStarted('1', NURSE_ID)]);
      expect(state.plan[0]).toMatchObject({ itemId: '1', status: 'in-progress', performedBy: NURSE_ID });
    });

    it('refuses an item out of plan order', () => {
      spec.given(whenPlanned).when(start('2')).thenThrows('PROCEDURE_OUT_OF_ORDER');
    });

    it('follows the order of a changed plan', () => {
      const reordered = [...whenPlanned, planChanged([item('2', 'Laser toning', 100_000, 20_000), item('1', 'Botox', 200_000)])];
      spec.given(reordered).when(start('2')).then([procedureStarted('2')]);
      spec.given(reordered).when(start('1')).thenThrows('PROCEDURE_OUT_OF_ORDER');
    });

    it('refuses an item that is not in the plan', () => {
      spec.given(whenPlanned).when(start('7')).thenThrows('PLAN_ITEM_NOT_FOUND');
    });

    it('refuses to complete an item that has not started', () => {
      spec.given(whenPlanned).when(complete('1')).thenThrows('PROCEDURE_NOT_STARTED');
    });

    it('skips a pending item with its reason, out of order too', () => {
      spec.given(whenPlanned).when(skip('2', 'skin too sensitive')).then([procedureSkipped('2', 'skin too sensitive')]);
      expect(visitStateOf([...whenPlanned, procedureSkipped('2', 'sensitive')]).plan[1]).toMatchObject({ status: 'skipped', skipReason: 'sensitive' });
    });

    it('starts the next pending item after a skip', () => {
      spec.given([...whenPlanned, procedureSkipped('1')]).when(start('2')).then([procedureStarted('2')]);
    });
  });

  describe('when a procedure is in progress', () => {
    const given = [...whenPlanned, procedureStarted('1')];

    it('completes it', () => {
      spec.given(given).when(complete('1')).then([procedureCompleted('1')]);
      expect(visitStateOf([...given, procedureCompleted('1')]).plan[0]).toMatchObject({ status: 'completed', performedBy: DOCTOR_ID });
    });

    it('refuses another procedure, and the same one again: one at a time', () => {
      spec.given(given).when(start('2')).thenThrows('PROCEDURE_IN_PROGRESS');
      spec.given(given).when(start('1')).thenThrows('PROCEDURE_IN_PROGRESS');
    });

    it('skips it when it had to be stopped', () => {
      spec.given(given).when(skip('1', 'patient felt faint')).then([procedureSkipped('1', 'patient felt faint')]);
    });
  });

  describe('when a procedure is completed or skipped', () => {
    const done = [...whenPlanned, procedureStarted('1'), procedureCompleted('1'), procedureSkipped('2')];

    it.each(['1', '2'])('refuses to start, complete or skip item %s again: PLAN_ITEM_DONE', (itemId) => {
      spec.given(done).when(start(itemId)).thenThrows('PLAN_ITEM_DONE');
      spec.given(done).when(complete(itemId)).thenThrows('PLAN_ITEM_DONE');
      spec.given(done).when(skip(itemId)).thenThrows('PLAN_ITEM_DONE');
    });

    it('starts the next item once the previous one is completed', () => {
      spec.given([...whenPlanned, procedureStarted('1'), procedureCompleted('1')]).when(start('2')).then([procedureStarted('2')]);
    });
  });

  describe('when a direct procedure is booked or walked in', () => {
    it('needs no consultation', () => {
      spec.given([reserved({ plan: [item('1', 'Botox', 200_000)] }), checkedIn()]).when(start('1')).then([procedureStarted('1')]);
      spec.given([walkedIn([item('1', 'Laser', 90_000)])]).when(start('1')).then([procedureStarted('1')]);
    });

    it('has consultation items after the booked ones, in order', () => {
      const given = [
        reserved({ plan: [item('1', 'Botox', 200_000)] }),
        checkedIn(),
        { type: 'ConsultationStarted', data: { consultantId: DOCTOR_ID } } as VisitEvent,
        consultationCompleted([item('2', 'Filler', 300_000)]),
      ];
      spec.given(given).when(start('2')).thenThrows('PROCEDURE_OUT_OF_ORDER');
      spec.given(given).when(start('1')).then([procedureStarted('1')]);
    });
  });
});

describe('visit: photos', () => {
  it('takes before and after photos once checked in, and counts them', () => {
    spec.given(whenCheckedIn).when(visitCommand('TakePhotos', { stage: 'before', count: 4 })).then([
      { type: 'PhotosTaken', data: { stage: 'before', count: 4 } },
    ]);
    const state = visitStateOf([
      ...whenCheckedIn,
      { type: 'PhotosTaken', data: { stage: 'before', count: 4 } },
      { type: 'PhotosTaken', data: { stage: 'after', count: 2 } },
      { type: 'PhotosTaken', data: { stage: 'after', count: 1 } },
    ]);
    expect(state.photos).toEqual({ before: 4, after: 3 });
  });
});

describe('visit: soothing care', () => {
  describe('when checked in', () => {
    it('starts soothing care', () => {
      spec.given(whenCheckedIn).when(visitCommand('StartSoothingCare', {})).then([soothingStarted]);
    });
    it('refuses to complete soothing care that has not started', () => {
      spec.given(whenCheckedIn).when(visitCommand('CompleteSoothingCare', {})).thenThrows('SOOTHING_CARE_NOT_STARTED');
    });
  });

  describe('when soothing care is in progress', () => {
    const given = [...whenCheckedIn, soothingStarted];
    it('completes it', () => {
      spec.given(given).when(visitCommand('CompleteSoothingCare', {})).then([soothingCompleted]);
      expect(visitStateOf([...given, soothingCompleted]).soothingCare).toBe('completed');
    });
    it('refuses to start it twice', () => {
      spec.given(given).when(visitCommand('StartSoothingCare', {})).thenThrows('SOOTHING_CARE_IN_PROGRESS');
    });
  });

  describe('when soothing care is done', () => {
    const given = [...whenCheckedIn, soothingStarted, soothingCompleted];
    it('refuses to start or complete it again', () => {
      spec.given(given).when(visitCommand('StartSoothingCare', {})).thenThrows('SOOTHING_CARE_ALREADY_DONE');
      spec.given(given).when(visitCommand('CompleteSoothingCare', {})).thenThrows('SOOTHING_CARE_ALREADY_DONE');
    });
  });
});
