import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../eventsourcing/testing/index.js';
import { COUNSELOR_ID, DOCTOR_ID, visitCommand } from '../testing/commands.js';
import {
  PLAN,
  consultationCompleted,
  consultationStarted,
  item,
  planChanged,
  procedureCompleted,
  procedureSkipped,
  procedureStarted,
  reserved,
  checkedIn,
  whenCheckedIn,
  whenConsulting,
  whenPlanned,
  whenReserved,
  visitStateOf,
} from '../testing/visit-events.js';
import { visitDecider } from './index.js';

const spec = deciderSpecification(visitDecider);
const changePlan = (plan: { itemId?: string; name: string; price?: number; discount?: number }[], reason?: string) =>
  visitCommand('ChangeProcedurePlan', reason ? { plan, reason } : { plan });

describe('visit: consultation and plan', () => {
  describe('when checked in', () => {
    it('starts a consultation with its counselor or doctor', () => {
      spec.given(whenCheckedIn).when(visitCommand('StartConsultation', { consultantId: COUNSELOR_ID })).then([consultationStarted]);
      expect(visitStateOf(whenConsulting).consultation).toEqual({ status: 'in-progress', consultantId: COUNSELOR_ID });
    });

    it('refuses to complete a consultation that has not started', () => {
      spec.given(whenCheckedIn).when(visitCommand('CompleteConsultation', { plan: [] })).thenThrows('CONSULTATION_NOT_STARTED');
    });

    it('refuses a plan change before there is a plan', () => {
      spec.given(whenCheckedIn).when(changePlan([{ name: 'Botox' }])).thenThrows('NO_PLAN');
    });
  });

  describe('when consulting', () => {
    it('refuses a second consultation while one is in progress', () => {
      spec.given(whenConsulting).when(visitCommand('StartConsultation', { consultantId: DOCTOR_ID })).thenThrows('CONSULTATION_IN_PROGRESS');
    });

    it('completes with the ordered plan, numbering items and defaulting price and discount to 0', () => {
      spec
        .given(whenConsulting)
        .when(
          visitCommand('CompleteConsultation', {
            plan: [{ name: 'Botox', price: 200_000 }, { name: 'Laser toning', price: 100_000, discount: 20_000 }, { name: 'Mask' }],
          }),
        )
        .then([consultationCompleted([...PLAN, item('3', 'Mask', 0)])]);
    });

    it('completes with an empty plan when the patient decides on nothing', () => {
      spec.given(whenConsulting).when(visitCommand('CompleteConsultation', { plan: [] })).then([consultationCompleted([])]);
    });

    it('refuses a plan line whose discount exceeds its price', () => {
      spec
        .given(whenConsulting)
        .when(visitCommand('CompleteConsultation', { plan: [{ name: 'Botox', price: 100, discount: 200 }] }))
        .thenThrows('DISCOUNT_EXCEEDS_PRICE');
    });

    it('refuses a plan change until the consultation has fixed the plan', () => {
      spec.given(whenConsulting).when(changePlan([{ name: 'Botox' }])).thenThrows('NO_PLAN');
    });
  });

  describe('when the consultation is completed', () => {
    it('refuses another consultation and a second completion', () => {
      spec.given(whenPlanned).when(visitCommand('StartConsultation', { consultantId: COUNSELOR_ID })).thenThrows('CONSULTATION_ALREADY_COMPLETED');
      spec.given(whenPlanned).when(visitCommand('CompleteConsultation', { plan: [] })).thenThrows('CONSULTATION_ALREADY_COMPLETED');
    });

    it('holds the plan in order, every item pending', () => {
      const state = visitStateOf(whenPlanned);
      expect(state.consultation).toEqual({ status: 'completed', consultantId: COUNSELOR_ID });
      expect(state.plan.map((planned) => [planned.itemId, planned.status])).toEqual([
        ['1', 'pending'],
        ['2', 'pending'],
      ]);
      expect(state.nextItemNo).toBe(3);
    });

    it('changes the plan: named items keep their identity, new items get new ids, the order is the new order', () => {
      spec
        .given(whenPlanned)
        .when(changePlan([{ name: 'Aqua peel', price: 50_000 }, { itemId: '2', name: 'Laser toning' }, { itemId: '1', name: 'Botox', discount: 30_000 }], 'patient asked'))
        .then([
          {
            type: 'ProcedurePlanChanged',
            data: {
              plan: [item('3', 'Aqua peel', 50_000), item('2', 'Laser toning', 100_000, 20_000), item('1', 'Botox', 200_000, 30_000)],
              reason: 'patient asked',
            },
          },
        ]);
    });

    it('drops a pending item and never reuses its id', () => {
      const dropped = planChanged([item('1', 'Botox', 200_000)]);
      spec.given([...whenPlanned, dropped]).when(changePlan([{ itemId: '1', name: 'Botox' }, { name: 'Mask', price: 10_000 }])).then([
        planChanged([item('1', 'Botox', 200_000), item('3', 'Mask', 10_000)]),
      ]);
    });

    it('refuses an item id that is not in the plan, or named twice', () => {
      spec.given(whenPlanned).when(changePlan([{ itemId: '9', name: 'Botox' }])).thenThrows('PLAN_ITEM_NOT_FOUND');
      spec
        .given(whenPlanned)
        .when(changePlan([{ itemId: '1', name: 'Botox' }, { itemId: '1', name: 'Botox again' }]))
        .thenThrows('PLAN_ITEM_REPEATED');
    });

    it('refuses a discount above the price, also one left from before', () => {
      spec.given(whenPlanned).when(changePlan([{ itemId: '1', name: 'Botox', discount: 200_001 }])).thenThrows('DISCOUNT_EXCEEDS_PRICE');
      // item 2 has 20,000 off; a new price of 10,000 would leave it below zero
      spec.given(whenPlanned).when(changePlan([{ itemId: '1', name: 'Botox' }, { itemId: '2', name: 'Laser toning', price: 10_000 }])).thenThrows(
        'DISCOUNT_EXCEEDS_PRICE',
      );
    });

    describe('with procedures done or under way', () => {
      const given = [...whenPlanned, procedureStarted('1'), procedureCompleted('1'), procedureStarted('2')];
      const skipped = [...whenPlanned, procedureSkipped('1'), procedureStarted('2')];

      it('refuses to drop a completed, skipped or in-progress item', () => {
        spec.given(given).when(changePlan([{ itemId: '2', name: 'Laser toning' }])).thenThrows('PLAN_DROPS_DONE_ITEM');
        spec.given(given).when(changePlan([{ itemId: '1', name: 'Botox' }])).thenThrows('PLAN_DROPS_DONE_ITEM');
        spec.given(skipped).when(changePlan([{ itemId: '2', name: 'Laser toning' }])).thenThrows('PLAN_DROPS_DONE_ITEM');
      });

      it('refuses to change the price of a completed or in-progress item', () => {
        spec
          .given(given)
          .when(changePlan([{ itemId: '1', name: 'Botox', price: 150_000 }, { itemId: '2', name: 'Laser toning' }]))
          .thenThrows('PLAN_DROPS_DONE_ITEM');
        spec
          .given(given)
          .when(changePlan([{ itemId: '1', name: 'Botox' }, { itemId: '2', name: 'Laser toning', price: 120_000 }]))
          .thenThrows('PLAN_DROPS_DONE_ITEM');
      });

      it('still renames them, changes their discount and adds items; progress is kept', () => {
        spec
          .given(given)
          .when(changePlan([{ itemId: '1', name: 'Botox (forehead)', discount: 50_000 }, { itemId: '2', name: 'Laser toning' }, { name: 'Mask', price: 10_000 }]))
          .then([planChanged([item('1', 'Botox (forehead)', 200_000, 50_000), item('2', 'Laser toning', 100_000, 20_000), item('3', 'Mask', 10_000)])]);
        const state = visitStateOf([...given, planChanged([item('2', 'Laser toning', 100_000, 20_000), item('1', 'Botox', 200_000, 50_000)])]);
        expect(state.plan.map((planned) => [planned.itemId, planned.status, planned.performedBy])).toEqual([
          ['2', 'in-progress', DOCTOR_ID],
          ['1', 'completed', DOCTOR_ID],
        ]);
      });
    });
  });

  describe('when a direct procedure is booked', () => {
    const booked = [reserved({ plan: [item('1', 'Botox', 200_000)] })];

    it('changes the plan while still reserved', () => {
      spec.given(booked).when(changePlan([{ itemId: '1', name: 'Botox', price: 180_000 }])).then([planChanged([item('1', 'Botox', 180_000)])]);
    });

    it('adds a consultation plan after the booked items', () => {
      const given = [...booked, checkedIn(), consultationStarted];
      spec.given(given).when(visitCommand('CompleteConsultation', { plan: [{ name: 'Filler', price: 300_000 }] })).then([
        consultationCompleted([item('2', 'Filler', 300_000)]),
      ]);
      expect(visitStateOf([...given, consultationCompleted([item('2', 'Filler', 300_000)])]).plan.map((planned) => planned.name)).toEqual([
        'Botox',
        'Filler',
      ]);
    });
  });

  it('refuses a plan change on a visit that has none, even when reserved', () => {
    spec.given(whenReserved).when(changePlan([{ name: 'Botox' }])).thenThrows('NO_PLAN');
  });
});
