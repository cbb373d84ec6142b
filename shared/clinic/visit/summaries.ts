import { minute, won, type EventSummaries } from '../event-summary.js';
import type { VisitEvent } from './events.js';

/** The audit trail's sentence for each visit event. */
export const visitEventSummaries: EventSummaries<VisitEvent> = {
  Reserved: (d) => `Reserved ${minute(d.startAt)}–${minute(d.endAt)} UTC by ${d.channel}${d.deposit ? `, deposit ${won(d.deposit.amount)}` : ''}`,
  Rescheduled: (d) => `Rescheduled to ${minute(d.startAt)}–${minute(d.endAt)} UTC`,
  ReservationCanceled: (d) => `Reservation canceled${d.reason ? `: ${d.reason}` : ''}`,
  NoShowMarked: () => 'Marked no-show',
  CheckedIn: (d) => `Checked in at the ${d.channel}`,
  WalkInRegistered: () => 'Walk-in registered',
  VisitAbandoned: (d) => `Visit abandoned${d.reason ? `: ${d.reason}` : ''}`,
  DoctorAssigned: () => 'Doctor assigned',
  ConsultationStarted: () => 'Consultation started',
  ConsultationCompleted: (d) => `Consultation completed, plan of ${d.plan.length} item(s)`,
  ProcedurePlanChanged: (d) => `Procedure plan changed to ${d.plan.length} item(s)`,
  ProcedureStarted: (d) => `Procedure ${d.itemId} started`,
  ProcedureCompleted: (d) => `Procedure ${d.itemId} completed`,
  ProcedureSkipped: (d) => `Procedure ${d.itemId} skipped: ${d.reason}`,
  PhotosTaken: (d) => `${d.count} ${d.stage} photo(s) taken`,
  SoothingCareStarted: () => 'Soothing care started',
  SoothingCareCompleted: () => 'Soothing care completed',
  PaymentRecorded: (d) => `Payment ${won(d.amount)} by ${d.method}`,
  PaymentRefunded: (d) => `Refund ${won(d.amount)}${d.reason ? `: ${d.reason}` : ''}`,
  CheckedOut: () => 'Checked out',
  MemoAdded: () => 'Memo added',
  ConsentRecorded: (d) => `Consent signed: ${d.form} (${d.formVersion})`,
  AnomalyFlagged: (d) => `Anomaly (${d.rule}) on ${d.commandType}`,
};
