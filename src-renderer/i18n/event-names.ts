/**
 * A name for every event of the clinic, in both languages (the visit history and the audit trail
 * word events by type; HQ's and the log's own summaries are English records). Typed by the
 * events' unions, so a new event without its name fails to compile.
 */
import type { ClinicEventType } from '../../shared/clinic/clinic/events.js';
import type { PatientEventType } from '../../shared/clinic/patient/events.js';
import type { StaffEventType } from '../../shared/clinic/staff/events.js';
import type { VisitEventType } from '../../shared/clinic/visit/events.js';

export type AnyEventType = VisitEventType | PatientEventType | StaffEventType | ClinicEventType;

export const eventsKo = {
  Reserved: '예약',
  Rescheduled: '일정 변경',
  ReservationCanceled: '예약 취소',
  NoShowMarked: '노쇼 처리',
  CheckedIn: '체크인',
  WalkInRegistered: '당일 접수',
  VisitAbandoned: '이탈 처리',
  DoctorAssigned: '담당의 지정',
  ConsultationStarted: '상담 시작',
  ConsultationCompleted: '상담 완료 · 시술 계획',
  ProcedurePlanChanged: '시술 계획 변경',
  ProcedureStarted: '시술 시작',
  ProcedureCompleted: '시술 완료',
  ProcedureSkipped: '시술 건너뜀',
  PhotosTaken: '사진 기록',
  SoothingCareStarted: '진정 관리 시작',
  SoothingCareCompleted: '진정 관리 완료',
  PaymentRecorded: '결제',
  PaymentRefunded: '환불',
  CheckedOut: '퇴실',
  MemoAdded: '메모 추가',
  ConsentRecorded: '동의서 기록',
  AnomalyFlagged: '확인 필요 기록',
  PatientRegistered: '환자 등록',
  PatientContactUpdated: '연락처 변경',
  PatientMerged: '환자 기록 병합',
  StaffRegistered: '직원 등록',
  StaffRoleChanged: '직원 역할 변경',
  StaffPinChanged: 'PIN 변경',
  StaffDeactivated: '직원 비활성화',
  StaffRestoredAsManager: '관리자 복구',
  ClinicConfigured: '병원 설정',
} as const satisfies Record<AnyEventType, string>;

export const eventsEn = {
  Reserved: 'Reserved',
  Rescheduled: 'Rescheduled',
  ReservationCanceled: 'Reservation canceled',
  NoShowMarked: 'Marked no-show',
  CheckedIn: 'Checked in',
  WalkInRegistered: 'Walk-in registered',
  VisitAbandoned: 'Left before the end',
  DoctorAssigned: 'Doctor assigned',
  ConsultationStarted: 'Consultation started',
  ConsultationCompleted: 'Consultation completed · plan',
  ProcedurePlanChanged: 'Plan changed',
  ProcedureStarted: 'Procedure started',
  ProcedureCompleted: 'Procedure completed',
  ProcedureSkipped: 'Procedure skipped',
  PhotosTaken: 'Photos taken',
  SoothingCareStarted: 'Soothing care started',
  SoothingCareCompleted: 'Soothing care completed',
  PaymentRecorded: 'Payment',
  PaymentRefunded: 'Refund',
  CheckedOut: 'Checked out',
  MemoAdded: 'Memo added',
  ConsentRecorded: 'Consent recorded',
  AnomalyFlagged: 'Flagged for review',
  PatientRegistered: 'Patient registered',
  PatientContactUpdated: 'Contact changed',
  PatientMerged: 'Patient records merged',
  StaffRegistered: 'Staff registered',
  StaffRoleChanged: 'Role changed',
  StaffPinChanged: 'PIN changed',
  StaffDeactivated: 'Staff deactivated',
  StaffRestoredAsManager: 'Manager restored',
  ClinicConfigured: 'Clinic settings',
} as const satisfies Record<AnyEventType, string>;
