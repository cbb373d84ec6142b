/**
 * The facts an observation records, without checking any rule. decide checks the rules and then
 * records exactly these facts; Headspring.reexecute records them even when a rule no longer holds
 * (with an AnomalyFlagged after them), because what physically happened cannot be refused later.
 */
import { withoutUndefined } from '../without-undefined.js';
import { isVisitObservation, type VisitCommand, type VisitObservation } from './commands.js';
import type { VisitEvent } from './events.js';
import { numberPlanItems } from './plan.js';
import type { VisitState } from './state.js';

export const recordObservation = (state: VisitState, command: VisitObservation): VisitEvent[] => {
  switch (command.type) {
    case 'CheckIn':
      return [{ type: 'CheckedIn', data: { channel: command.payload.channel, at: command.issuedAt } }];
    case 'RegisterWalkIn': {
      const { patientId, doctorId, purpose, plan } = command.payload;
      return [
        {
          type: 'WalkInRegistered',
          data: withoutUndefined({
            patientId,
            doctorId,
            purpose,
            plan: plan ? numberPlanItems(plan, state.nextItemNo) : undefined,
            at: command.issuedAt,
          }),
        },
      ];
    }
    case 'AbandonVisit':
      return [{ type: 'VisitAbandoned', data: withoutUndefined({ reason: command.payload.reason }) }];
    case 'StartConsultation':
      return [{ type: 'ConsultationStarted', data: { consultantId: command.payload.consultantId } }];
    case 'CompleteConsultation':
      return [{ type: 'ConsultationCompleted', data: { plan: numberPlanItems(command.payload.plan, state.nextItemNo) } }];
    case 'StartProcedure':
      return [{ type: 'ProcedureStarted', data: { itemId: command.payload.itemId, performedBy: command.payload.performedBy } }];
    case 'CompleteProcedure':
      return [{ type: 'ProcedureCompleted', data: { itemId: command.payload.itemId } }];
    case 'SkipProcedure':
      return [{ type: 'ProcedureSkipped', data: { itemId: command.payload.itemId, reason: command.payload.reason } }];
    case 'TakePhotos':
      return [{ type: 'PhotosTaken', data: { stage: command.payload.stage, count: command.payload.count } }];
    case 'StartSoothingCare':
      return [{ type: 'SoothingCareStarted', data: {} }];
    case 'CompleteSoothingCare':
      return [{ type: 'SoothingCareCompleted', data: {} }];
    case 'RecordPayment':
      return [{ type: 'PaymentRecorded', data: { amount: command.payload.amount, method: command.payload.method } }];
    case 'RefundPayment': {
      const { amount, method, reason } = command.payload;
      return [{ type: 'PaymentRefunded', data: withoutUndefined({ amount, method, reason }) }];
    }
    case 'CheckOut':
      return [{ type: 'CheckedOut', data: { at: command.issuedAt } }];
    case 'AddMemo':
      return [{ type: 'MemoAdded', data: { text: command.payload.text } }];
    case 'RecordConsent':
      return [{ type: 'ConsentRecorded', data: { form: command.payload.form, formVersion: command.payload.formVersion } }];
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled visit observation ${JSON.stringify(unreachable)}`);
    }
  }
};

/** The stream definition's `record`: the kernel calls it for observations only. */
export const recordVisitObservation = (state: VisitState, command: VisitCommand): VisitEvent[] => {
  if (!isVisitObservation(command)) throw new Error(`${command.type} is an intent: it is decided, never recorded without its rules`);
  return recordObservation(state, command);
};
