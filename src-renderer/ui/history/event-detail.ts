/**
 * The line under an event's name in a visit's timeline: what that event carried, in words (the
 * slot booked, the amount paid and how, the item done, the reason given). Procedures name their
 * plan item by the name it had in the plan at that point of the history.
 */
import type { PlanItem, VisitEvent } from '../../../shared/clinic/visit/events.js';
import type { EventEnvelope } from '../../../shared/eventsourcing/event.js';

export interface DetailWords {
  readonly t: (key: string, values?: Record<string, unknown>) => string;
  readonly money: (won: number) => string;
  readonly time: (instant: string) => string;
  readonly staffName: (staffId: string) => string;
}

const PLAN_EVENTS: ReadonlySet<string> = new Set(['Reserved', 'WalkInRegistered', 'ConsultationCompleted', 'ProcedurePlanChanged']);

/** Item names as the plan had them up to (and with) event `index`. */
const itemNames = (events: readonly EventEnvelope[], index: number): Map<string, string> => {
  const names = new Map<string, string>();
  for (const event of events.slice(0, index + 1)) {
    if (!PLAN_EVENTS.has(event.type)) continue;
    for (const item of (event.data as { plan?: PlanItem[] }).plan ?? []) names.set(item.itemId, item.name);
  }
  return names;
};

export const eventDetail = (events: readonly EventEnvelope[], index: number, words: DetailWords): string | null => {
  const envelope = events[index];
  if (!envelope) return null;
  const { t, money, time, staffName } = words;
  const event = { type: envelope.type, data: envelope.data } as VisitEvent;
  const item = (itemId: string) => itemNames(events, index).get(itemId) ?? t('history.detail.item', { itemId });
  const reason = (text: string | undefined) => (text ? t('history.detail.reason', { reason: text }) : null);
  switch (event.type) {
    case 'Reserved':
    case 'Rescheduled':
      return t('history.detail.slot', { from: time(event.data.startAt), to: time(event.data.endAt) });
    case 'ReservationCanceled':
    case 'VisitAbandoned':
      return reason(event.data.reason);
    case 'ProcedureSkipped':
      return `${item(event.data.itemId)} · ${reason(event.data.reason) ?? ''}`;
    case 'CheckedIn':
      return t('history.detail.arrived', { time: time(event.data.at) });
    case 'WalkInRegistered':
      return t('history.detail.arrived', { time: time(event.data.at) });
    case 'DoctorAssigned':
      return staffName(event.data.doctorId);
    case 'ConsultationStarted':
      return staffName(event.data.consultantId);
    case 'ConsultationCompleted':
    case 'ProcedurePlanChanged':
      return event.data.plan.map((each) => each.name).join(', ');
    case 'ProcedureStarted':
      return `${item(event.data.itemId)} · ${staffName(event.data.performedBy)}`;
    case 'ProcedureCompleted':
      return item(event.data.itemId);
    case 'PhotosTaken':
      return t(`history.detail.photos.${event.data.stage}`, { count: event.data.count });
    case 'PaymentRecorded':
      return `${money(event.data.amount)} · ${t(`form.methods.${event.data.method}`)}`;
    case 'PaymentRefunded':
      return [money(event.data.amount), reason(event.data.reason)].filter(Boolean).join(' · ');
    case 'CheckedOut':
      return time(event.data.at);
    case 'MemoAdded':
      return event.data.text;
    case 'ConsentRecorded':
      return `${event.data.form} (${event.data.formVersion})`;
    case 'AnomalyFlagged':
      return event.data.rule;
    case 'NoShowMarked':
    case 'SoothingCareStarted':
    case 'SoothingCareCompleted':
      return null;
    default:
      // An event this build does not know (a newer app's): its name says what little we can.
      return null;
  }
};
