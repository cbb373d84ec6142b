import type { ClinicCommandType } from './clinic/commands.js';
import type { PatientCommandType } from './patient/commands.js';
import type { StaffCommandType } from './staff/commands.js';
import type { StaffRole } from './values.js';
import type { VisitCommandType } from './visit/commands.js';

export type ClinicCommandName = VisitCommandType | PatientCommandType | StaffCommandType | ClinicCommandType;

const everyone: readonly StaffRole[] = ['desk', 'counselor', 'doctor', 'nurse', 'manager'];
const front: readonly StaffRole[] = ['desk', 'counselor', 'manager'];
const clinical: readonly StaffRole[] = ['counselor', 'doctor', 'manager'];
const treating: readonly StaffRole[] = ['doctor', 'nurse', 'manager'];
const care: readonly StaffRole[] = ['desk', 'doctor', 'nurse', 'manager'];
const managers: readonly StaffRole[] = ['manager'];

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
  AssignDoctor: ['desk', 'counselor', 'doctor', 'manager'],
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
  RegisterPatient: front,
  UpdatePatientContact: front,
  MergePatients: managers,
  RegisterStaff: managers,
  ChangeStaffRole: managers,
  ChangeStaffPin: managers,
  DeactivateStaff: managers,
  ConfigureClinic: managers,
};

/** Commands an unattended kiosk may issue (initiator `device:<id>`). */
export const KIOSK_COMMANDS: readonly ClinicCommandName[] = ['CheckIn'];

export const mayIssue = (role: StaffRole, type: ClinicCommandName): boolean => COMMAND_PERMISSIONS[type].includes(role);
