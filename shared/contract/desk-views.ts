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
  /**
   * A new desk loading the clinic's history (sync.status's `loadingHistory`, with its `catchUp`),
   * told here too because the sign-in screen must say it and sync.status needs a signed-in person:
   * only how far the loading is, nothing of the clinic's records. Null on any other desk.
   */
  readonly loading: HistoryLoading | null;
}

/**
 * How far a catch-up is, for a progress bar: HQ's position pulled so far of HQ's head. A new desk
 * far behind HQ pulls the log first, then builds its read models from it (`building`: `built`
 * events replayed of `toBuild`); it takes commands once that is over.
 */
export interface CatchUp {
  readonly pulled: number;
  readonly head: number;
  readonly phase?: 'pulling' | 'building';
  readonly built?: number;
  readonly toBuild?: number;
}

/** A new desk loading the clinic's history: how far (null until its first page is applied). */
export interface HistoryLoading {
  readonly catchUp: CatchUp | null;
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
  /** Every visit of the patient and of the records merged into it, newest first, with its stage and balance. */
  readonly visits: readonly BoardVisit[];
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
      /**
       * The clinic has staff but no active manager (two offline desks each removed one): nobody can
       * manage the clinic until a desk's machine restores one (`npm run desk -- restore-manager`).
       */
      readonly kind: 'no-active-manager';
      readonly staffCount: number;
    }
  | {
      readonly kind: 'anomaly';
      readonly visitId: string;
      readonly patientId: string | null;
      readonly rule: string;
      readonly detail: string;
      readonly at: string;
    };

/**
 * Where sync stands (docs/architecture.md, "Sync"): the badge and the settings screen read it.
 * `state`: not-configured (no HQ address or token) · connecting (no answer from HQ yet) · online ·
 * offline (HQ unreachable: retrying by itself) · paused (HQ refused the token or this
 * installation: a person must act, see `lastError`) · stopped (HQ's log is not the one this desk
 * synced with: nothing is pushed or pulled until an administrator looks).
 */
export interface SyncStatus {
  readonly state: 'not-configured' | 'connecting' | 'online' | 'offline' | 'paused' | 'stopped';
  /** HQ answered the last request. */
  readonly online: boolean;
  /** Events made here that HQ has not acknowledged yet. */
  readonly pending: number;
  readonly lastPushAt: string | null;
  readonly lastPullAt: string | null;
  readonly lastError: string | null;
  /** Streams HQ refused an event of (or that stopped on an unexplained conflict), with the reason. */
  readonly quarantined: readonly QuarantinedStream[];
  /** Open conflicts of the clinic (every desk lists the same ones); 0 while `loadingHistory` (not counted yet). */
  readonly conflicts: number;
  /** HQ's clock minus this desk's; a warning is due beyond ±2 minutes. */
  readonly clockSkewMs: number | null;
  readonly clockWarning: boolean;
  /** While catching up: how far (CatchUp). */
  readonly catchUp?: CatchUp;
  /**
   * A new desk loading the clinic's history: its lists (day board, patients, records, conflicts)
   * are built once the whole log is here (`catchUp` says how far), so they show nothing yet, and it
   * takes no command until then (LOADING_HISTORY).
   */
  readonly loadingHistory: boolean;
  /** Where the HQ token is kept: the OS key store, a private file, or (no key store) memory only for this session. */
  readonly tokenStorage: 'keystore' | 'file' | 'session' | null;
  /** HQ is bound to another installation of this desk (restored from a backup): `device rebind` at HQ. */
  readonly needsRebind: boolean;
  /** Streams whose set-aside commands wait for a newer app (an event type this build cannot read). */
  readonly waitingForUpdate: readonly string[];
  /** The stored HQ address, or null when this desk is not connected to HQ. */
  readonly hqUrl: string | null;
}

/** What HQ says of this desk's token, beside what the desk knows of itself (sync.whoami). */
export interface HqIdentity {
  readonly installationId: string;
  readonly hqUrl: string | null;
  /** HQ's answer; null when not connected or HQ did not answer (then `error` says why). */
  readonly hq: {
    readonly tenantId: string;
    readonly tenantName: string;
    readonly deviceId: string;
    readonly deviceName: string;
    readonly scope: string;
    /** The installation HQ has bound to this device; another one means `device rebind` is due. */
    readonly boundInstallationId: string | null;
    readonly lowestActiveAppVersion: string | null;
  } | null;
  readonly error: string | null;
}

export interface QuarantinedStream {
  readonly streamId: string;
  readonly streamType: string | null;
  /** HQ's reject reason (INVALID_ENVELOPE, EVENT_ID_REUSED, …) or UNEXPLAINED_CONFLICT. */
  readonly reason: string;
  readonly detail: string | null;
  readonly since: string;
}

/** Another desk's event a conflict ran into: what HQ already had, and who did it. */
export interface ConflictingEvent {
  readonly version: number;
  readonly eventType: string;
  readonly summary: string;
  readonly at: string;
  readonly staffId: string | null;
  readonly staffName: string | null;
  readonly deviceId: string;
}

/** A command that no longer held after a rebase, as every desk lists it (conflicts.list). */
export interface Conflict {
  readonly conflictId: string;
  readonly streamId: string;
  readonly streamType: string;
  /** The visit's or the patient's patient, when the stream concerns one. */
  readonly patientId: string | null;
  readonly patientName: string | null;
  readonly command: {
    readonly commandId: string;
    readonly type: string;
    readonly payload: unknown;
    readonly issuedBy: string;
    readonly issuedByName: string | null;
    readonly issuedAt: string;
  };
  readonly code: string;
  readonly message: string;
  /** When and on which desk the conflict was found. */
  readonly raisedAt: string;
  readonly deviceId: string;
  /** What the command ran into: the events since the version it was first decided on. */
  readonly theirs: readonly ConflictingEvent[];
  /** commandIds of later intents of the stream that wait for this conflict. */
  readonly waiting: readonly string[];
  readonly status: 'open' | 'retried' | 'dismissed';
  readonly resolution: {
    readonly by: string;
    readonly byName: string | null;
    readonly at: string;
    readonly reason: string | null;
  } | null;
}
