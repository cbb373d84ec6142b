/** Commands with sensible defaults for the clinic's decider tests. */
import { commandTypesOfKind, type Command } from '../../eventsourcing/index.js';
import type { ClinicCommand } from '../clinic/commands.js';
import type { PatientCommand, PatientCommandType, PatientPayload } from '../patient/commands.js';
import type { StaffCommand, StaffCommandType, StaffPayload } from '../staff/commands.js';
import { visitCommandSpecs, type VisitCommandOf, type VisitCommandType, type VisitIntentType, type VisitObservationType, type VisitPayload } from '../visit/commands.js';

/** The visit's observations and intents, as visitCommandSpecs declares them (the one place that says). */
export const OBSERVATIONS: readonly VisitObservationType[] = commandTypesOfKind(visitCommandSpecs, 'observation');
export const INTENTS: readonly VisitIntentType[] = commandTypesOfKind(visitCommandSpecs, 'intent');

export const VISIT_ID = '0190b000-0000-7000-8000-00000000b001';
export const PATIENT_ID = '0190a000-0000-7000-8000-00000000a001';
export const DOCTOR_ID = '0190a000-0000-7000-8000-00000000d0c1';
export const OTHER_DOCTOR_ID = '0190a000-0000-7000-8000-00000000d0c2';
export const COUNSELOR_ID = '0190a000-0000-7000-8000-00000000c001';
export const NURSE_ID = '0190a000-0000-7000-8000-00000000e001';
export const DESK_STAFF_ID = '0190a000-0000-7000-8000-00000000f001';

/** An instant on the test day (UTC): at('01:00') is 10:00 in Seoul. */
export const at = (hhmm: string): string => `2026-11-25T${hhmm}:00.000Z`;
export const NOW = at('01:05');

/** What a test may override besides type and payload. */
export type CommandExtras = Partial<Omit<Command, 'type' | 'payload'>>;

const base = { commandId: 'cmd-1', schemaVersion: 1, issuedBy: DESK_STAFF_ID, issuedAt: NOW };

export const visitCommand = <T extends VisitCommandType>(
  type: T,
  payload: VisitPayload<T>,
  extra: CommandExtras = {},
): VisitCommandOf<T> => ({ ...base, type, streamId: VISIT_ID, payload, ...extra }) as VisitCommandOf<T>;

export const patientCommand = <T extends PatientCommandType>(
  type: T,
  payload: PatientPayload<T>,
  extra: CommandExtras = {},
): Extract<PatientCommand, { type: T }> =>
  ({ ...base, type, streamId: PATIENT_ID, payload, ...extra }) as Extract<PatientCommand, { type: T }>;

export const staffCommand = <T extends StaffCommandType>(
  type: T,
  payload: StaffPayload<T>,
  extra: CommandExtras = {},
): Extract<StaffCommand, { type: T }> =>
  ({ ...base, type, streamId: DOCTOR_ID, payload, ...extra }) as Extract<StaffCommand, { type: T }>;

export const clinicCommand = (payload: ClinicCommand['payload'], extra: CommandExtras = {}): ClinicCommand => ({
  ...base,
  type: 'ConfigureClinic',
  streamId: 'clinic',
  payload,
  ...extra,
});

/** One valid payload per visit command, for tables that run every command against a state. */
export const anyVisitPayload: { [T in VisitCommandType]: VisitPayload<T> } = {
  Reserve: { patientId: PATIENT_ID, startAt: at('02:00'), endAt: at('02:30') },
  Reschedule: { startAt: at('03:00'), endAt: at('03:30') },
  CancelReservation: {},
  MarkNoShow: {},
  CheckIn: { channel: 'desk' },
  RegisterWalkIn: { patientId: PATIENT_ID },
  AbandonVisit: {},
  AssignDoctor: { doctorId: DOCTOR_ID },
  StartConsultation: { consultantId: COUNSELOR_ID },
  CompleteConsultation: { plan: [] },
  ChangeProcedurePlan: { plan: [] },
  StartProcedure: { itemId: '1', performedBy: DOCTOR_ID },
  CompleteProcedure: { itemId: '1' },
  SkipProcedure: { itemId: '1', reason: 'skin too sensitive today' },
  TakePhotos: { stage: 'before', count: 3 },
  StartSoothingCare: {},
  CompleteSoothingCare: {},
  RecordPayment: { amount: 10_000, method: 'card' },
  RefundPayment: { amount: 10_000 },
  CheckOut: {},
  AddMemo: { text: 'Prefers the window seat' },
  RecordConsent: { form: 'Botox consent', formVersion: '2026-01' },
};

export const anyVisitCommand = <T extends VisitCommandType>(type: T): VisitCommandOf<T> =>
  visitCommand(type, anyVisitPayload[type]);
