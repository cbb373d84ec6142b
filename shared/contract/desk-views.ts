/**
 * What the desk's read methods return. Plain JSON data: the same values travel over Electron IPC
 * and over the browser host's HTTP.
 */
import type { StaffRole } from '../clinic/values.js';
import type { VisitState } from '../clinic/visit/state.js';

export interface StaffSummary {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly active: boolean;
}

export interface SessionInfo {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly signedInAt: string;
  /** The desk signs out after this long without a call. */
  readonly idleTimeoutMs: number;
}

export interface DeskStatus {
  readonly appVersion: string;
  readonly installationId: string;
  /** Chart numbers made on this desk start with it, so offline desks never collide. */
  readonly deskPrefix: string;
  readonly clinic: { readonly name: string; readonly timeZone: string } | null;
  readonly session: SessionInfo | null;
  readonly staffCount: number;
  /** staff.register without sign-in would make the clinic's first manager now. */
  readonly firstManagerOpen: boolean;
  /** Restored from a backup: must pull from HQ before any command. */
  readonly needsFullPull: boolean;
}

/** Where a visit is in the clinic flow, as the day board groups it. */
export type VisitStage =
  | 'reserved'
  | 'waiting'
  | 'consultation'
  | 'procedure'
  | 'soothing-care'
  | 'payment'
  | 'checked-out'
  | 'canceled'
  | 'no-show'
  | 'abandoned';

export interface BoardVisit {
  readonly visitId: string;
  readonly patientId: string;
  readonly patientName: string | null;
  readonly chartNumber: string | null;
  readonly doctorId: string | null;
  readonly doctorName: string | null;
  readonly stage: VisitStage;
  readonly channel: string | null;
  readonly purpose: string | null;
  /** Reservation time; null for a walk-in. */
  readonly startAt: string | null;
  readonly endAt: string | null;
  readonly checkedInAt: string | null;
  readonly checkedOutAt: string | null;
  /** Plan prices − discounts − deposit − payments + refunds, in KRW. */
  readonly balance: number;
  /** Deposit + payments − refunds, in KRW: what the clinic holds for this visit (the day's takings add these up). */
  readonly received: number;
  readonly planDone: number;
  readonly planTotal: number;
  readonly anomalies: number;
  readonly version: number;
}

export interface DayBoard {
  readonly date: string;
  readonly timeZone: string;
  readonly visits: readonly BoardVisit[];
  readonly counts: Readonly<Record<VisitStage, number>>;
}

export interface ScheduledVisit {
  readonly visitId: string;
  readonly patientId: string;
  readonly patientName: string | null;
  readonly doctorId: string | null;
  readonly doctorName: string | null;
  readonly startAt: string;
  readonly endAt: string;
  readonly stage: VisitStage;
}

export interface PatientSummary {
  readonly patientId: string;
  readonly name: string;
  readonly phone: string;
  readonly chartNumber: string;
  readonly birthDate: string | null;
  /** Set when this record was merged into another; search shows the survivor instead. */
  readonly mergedInto: string | null;
}

export interface PatientDetail extends PatientSummary {
  readonly visits: readonly ScheduledVisit[];
  /** Records merged into this one. */
  readonly merged: readonly string[];
}

export interface VisitDetail {
  readonly visitId: string;
  readonly version: number;
  readonly state: VisitState;
  readonly patient: PatientSummary | null;
  readonly needsUpgrade: boolean;
}

export interface VisitAsOf {
  readonly visitId: string;
  readonly version: number;
  readonly state: VisitState;
}

export interface AuditEntry {
  readonly position: number;
  readonly at: string;
  readonly staffId: string | null;
  readonly staffName: string | null;
  /** The installation id of the desk that raised the event. */
  readonly deviceId: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly version: number;
  readonly eventType: string;
  /** A short human summary of the event. */
  readonly summary: string;
  readonly patientId: string | null;
  readonly patientName: string | null;
}

export type Warning =
  | {
      readonly kind: 'doctor-double-booked';
      readonly doctorId: string;
      readonly doctorName: string | null;
      readonly visitIds: readonly [string, string];
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'duplicate-patient';
      readonly patientIds: readonly [string, string];
      readonly name: string;
      readonly phone: string;
      /** The older record, which a merge keeps. */
      readonly survivor: string;
    }
  | {
      readonly kind: 'anomaly';
      readonly visitId: string;
      readonly patientId: string | null;
      readonly rule: string;
      readonly detail: string;
      readonly at: string;
    };

export interface SyncStatus {
  readonly online: boolean;
  readonly pending: number;
  readonly lastPushAt: string | null;
  readonly lastPullAt: string | null;
  readonly lastError: string | null;
  readonly quarantined: readonly string[];
  readonly conflicts: number;
  readonly clockSkewMs: number | null;
  /** The stored HQ address, or null when this desk is not connected to HQ. */
  readonly hqUrl: string | null;
}

export interface Conflict {
  readonly conflictId: string;
  readonly streamId: string;
  readonly commandType: string;
  readonly code: string;
  readonly message: string;
  readonly raisedAt: string;
  readonly waiting: readonly string[];
}
