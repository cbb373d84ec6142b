/**
 * One line per event for the audit trail: what happened, in words a manager reads at a glance.
 * The renderer may localise by event type; this is the plain record.
 */
import type { DomainEvent } from '../../../shared/eventsourcing/index.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const won = (amount: unknown): string => `${Number(amount).toLocaleString('en-US')} KRW`;
const time = (instant: unknown): string => text(instant).slice(0, 16).replace('T', ' ');

type Data = Record<string, unknown>;
const summaries: Record<string, (data: Data) => string> = {
  Reserved: (d) => `Reserved ${time(d.startAt)}–${time(d.endAt)} UTC by ${text(d.channel)}${d.deposit ? `, deposit ${won((d.deposit as Data).amount)}` : ''}`,
  Rescheduled: (d) => `Rescheduled to ${time(d.startAt)}–${time(d.endAt)} UTC`,
  ReservationCanceled: (d) => `Reservation canceled${d.reason ? `: ${text(d.reason)}` : ''}`,
  NoShowMarked: () => 'Marked no-show',
  CheckedIn: (d) => `Checked in at the ${text(d.channel)}`,
  WalkInRegistered: () => 'Walk-in registered',
  VisitAbandoned: (d) => `Visit abandoned${d.reason ? `: ${text(d.reason)}` : ''}`,
  DoctorAssigned: () => 'Doctor assigned',
  ConsultationStarted: () => 'Consultation started',
  ConsultationCompleted: (d) => `Consultation completed, plan of ${(d.plan as unknown[]).length} item(s)`,
  ProcedurePlanChanged: (d) => `Procedure plan changed to ${(d.plan as unknown[]).length} item(s)`,
  ProcedureStarted: (d) => `Procedure ${text(d.itemId)} started`,
  ProcedureCompleted: (d) => `Procedure ${text(d.itemId)} completed`,
  ProcedureSkipped: (d) => `Procedure ${text(d.itemId)} skipped: ${text(d.reason)}`,
  PhotosTaken: (d) => `${text(d.count)} ${text(d.stage)} photo(s) taken`,
  SoothingCareStarted: () => 'Soothing care started',
  SoothingCareCompleted: () => 'Soothing care completed',
  PaymentRecorded: (d) => `Payment ${won(d.amount)} by ${text(d.method)}`,
  PaymentRefunded: (d) => `Refund ${won(d.amount)}${d.reason ? `: ${text(d.reason)}` : ''}`,
  CheckedOut: () => 'Checked out',
  MemoAdded: () => 'Memo added',
  AnomalyFlagged: (d) => `Anomaly (${text(d.rule)}) on ${text(d.commandType)}`,
  PatientRegistered: (d) => `Patient registered, chart ${text(d.chartNumber)}`,
  PatientContactUpdated: (d) => `Patient contact updated (${Object.keys(d).join(', ')})`,
  PatientMerged: () => 'Patient record merged into an older record',
  StaffRegistered: (d) => `Staff member registered as ${text(d.role)}`,
  StaffRoleChanged: (d) => `Staff role changed to ${text(d.role)}`,
  StaffPinChanged: () => 'Staff PIN changed',
  StaffDeactivated: () => 'Staff member deactivated',
  ClinicConfigured: (d) => `Clinic settings: ${text(d.name)}, ${text(d.timeZone)}`,
  CommandConflicted: (d) =>
    `Conflict: ${text((d.command as Data).type)} no longer held after sync (${text((d.error as Data).code)})`,
  ConflictResolved: (d) =>
    d.action === 'retry' ? `Conflict resolved: ${text(d.commandType)} retried` : `Conflict dismissed: ${text(d.reason)}`,
};

export const summarize = (event: DomainEvent): string => {
  const summary = summaries[event.type];
  return summary ? summary((event.data ?? {}) as Data) : event.type;
};
