import type { ClinicCommandType } from './clinic/commands.js';
import type { PatientCommandType } from './patient/commands.js';
import type { StaffCommandType } from './staff/commands.js';
import type { StaffRole } from './values.js';
import type { VisitCommandType } from './visit/commands.js';

export type ClinicCommandName = VisitCommandType | PatientCommandType | StaffCommandType | ClinicCommandType;

/**
 * The role lists of the clinic, named once: who may issue a command (below), who may be named in
 * a command's payload (each aggregate's `references`), who may use a desk method (the contract).
 */
export const ROLES = {
  everyone: ['desk', 'counselor', 'doctor', 'nurse', 'manager'],
  /** Reservations, reception and the till. */
  front: ['desk', 'counselor', 'manager'],
  /** Who consults and plans. */
  clinical: ['counselor', 'doctor', 'manager'],
  /** Who performs procedures. */
  treating: ['doctor', 'nurse', 'manager'],
  /** Who looks after the patient around a procedure. */
  care: ['desk', 'doctor', 'nurse', 'manager'],
  /** Who may book or change which doctor sees the patient. */
  scheduling: ['desk', 'counselor', 'doctor', 'manager'],
  doctors: ['doctor'],
  managers: ['manager'],
} as const satisfies Readonly<Record<string, readonly StaffRole[]>>;

const { everyone, front, clinical, treating, care, scheduling, managers } = ROLES;

/**
 * Who may issue which command, checked by DeskCore before execute. Keyed by every command type,
 * so a new command without a rule fails to compile. A kiosk (no staff) may only check in.
 */
export const COMMAND_PERMISSIONS: { readonly [T in ClinicCommandName]: readonly StaffRole[] } = {
  Reserve: front,
  Reschedule: front,
  CancelReservation: front,
  MarkNoShow: front,
  CheckIn: everyone,
  RegisterWalkIn: front,
  AbandonVisit: front,
  AssignDoctor: scheduling,
  StartConsultation: clinical,
  CompleteConsultation: clinical,
  ChangeProcedurePlan: clinical,
  StartProcedure: treating,
  CompleteProcedure: treating,
  SkipProcedure: treating,
  TakePhotos: care,
  StartSoothingCare: care,
  CompleteSoothingCare: care,
  RecordPayment: front,
  RefundPayment: managers,
  CheckOut: front,
  AddMemo: everyone,
  RecordConsent: everyone,
  RegisterPatient: front,
  UpdatePatientContact: front,
  MergePatients: managers,
  RegisterStaff: managers,
  ChangeStaffRole: managers,
  ChangeStaffPin: managers,
  DeactivateStaff: managers,
  // No person: only a desk's machine issues it (as the device), when the clinic has no active manager.
  RestoreManager: [],
  ConfigureClinic: managers,
};

/** Commands an unattended kiosk may issue (initiator `device:<id>`). */
export const KIOSK_COMMANDS: readonly ClinicCommandName[] = ['CheckIn'];

export const mayIssue = (role: StaffRole, type: ClinicCommandName): boolean => COMMAND_PERMISSIONS[type].includes(role);

/** Whether a command type is one of this build's (a conflict may carry one from a newer app). */
export const isClinicCommandName = (type: string): type is ClinicCommandName => Object.hasOwn(COMMAND_PERMISSIONS, type);
