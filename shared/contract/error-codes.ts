/**
 * Every code the desk can answer with, as one union: the kernel's, the clinic's, DeskCore's own,
 * the hosts' transport refusals and the renderer's own transport failures. `RpcError.code` is
 * this union, so DeskCore, both hosts and the renderer agree on it, a code nobody declared fails
 * to compile, and the renderer's labels are checked complete against it.
 *
 * A code keeps its meaning once released: the renderer's words are keyed on it.
 */
import { ClinicErrorCode } from '../clinic/error-codes.js';
import { KernelErrorCode } from '../eventsourcing/domain-error.js';

/** Codes DeskCore raises itself, around the domain. */
export const DeskCoreErrorCode = {
  /** The arguments do not match the contract (the message names the field). */
  VALIDATION: 'VALIDATION',
  NOT_SIGNED_IN: 'NOT_SIGNED_IN',
  /**
   * A change sent for the person its screen showed (`actingStaffId`) while someone else is signed
   * in at the desk now: refused rather than recorded under the wrong person.
   */
  SESSION_CHANGED: 'SESSION_CHANGED',
  /** The signed-in staff member's role may not do this, or a first manager cannot be made here. */
  FORBIDDEN: 'FORBIDDEN',
  PIN_INCORRECT: 'PIN_INCORRECT',
  /** Five wrong PINs: that staff member is locked on this desk for five minutes. */
  PIN_LOCKED: 'PIN_LOCKED',
  UNKNOWN_METHOD: 'UNKNOWN_METHOD',
  NOT_FOUND: 'NOT_FOUND',
  /** Anything unexpected; nothing was changed, the detail is in the desk's log. */
  INTERNAL: 'INTERNAL',
  /** A desk restored from a backup takes no command until it has pulled everything from HQ. */
  NEEDS_FULL_PULL: 'NEEDS_FULL_PULL',
  /** A new desk is still loading the clinic's history (its read models are built once the first catch-up is over). */
  LOADING_HISTORY: 'LOADING_HISTORY',
  SYNC_NOT_CONFIGURED: 'SYNC_NOT_CONFIGURED',
  // The sync worker's (docs/architecture.md, "Sync and rebase"). A paused or stopped sync is a
  // state of sync.status, not a refusal: the desk keeps working.
  /** The stream is being rebased onto HQ's history; the screen retries in a moment. */
  STREAM_SYNCING: 'STREAM_SYNCING',
  CONFLICT_NOT_FOUND: 'CONFLICT_NOT_FOUND',
  CONFLICT_ALREADY_RESOLVED: 'CONFLICT_ALREADY_RESOLVED',
} as const;
export type DeskCoreErrorCode = (typeof DeskCoreErrorCode)[keyof typeof DeskCoreErrorCode];

/** A table of codes, each named by itself. */
const codes = <const Names extends readonly string[]>(...names: Names): { readonly [N in Names[number]]: N } =>
  Object.fromEntries(names.map((name) => [name, name])) as { readonly [N in Names[number]]: N };

/**
 * Refusals a host makes before DeskCore sees a call; the browser host's HTTP status says the same
 * (400 MALFORMED_REQUEST, 401 SESSION_REQUIRED, 403 FORBIDDEN, 404 NOT_FOUND or UNKNOWN_METHOD,
 * 413 BODY_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE, 500 INTERNAL).
 */
export const HostErrorCode = codes(
  'MALFORMED_REQUEST',
  'SESSION_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_METHOD',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
);
export type HostErrorCode = (typeof HostErrorCode)[keyof typeof HostErrorCode];

/**
 * Failures the renderer's Bridges make themselves, when no host answered with an envelope:
 * HOST_UNREACHABLE (no answer: browser host stopped, network error), HOST_ERROR (an answer that is
 * not an `{ ok }` envelope, or a failed IPC call).
 */
export const TransportErrorCode = codes('HOST_UNREACHABLE', 'HOST_ERROR');
export type TransportErrorCode = (typeof TransportErrorCode)[keyof typeof TransportErrorCode];

export const DeskErrorCode = {
  ...KernelErrorCode,
  ...ClinicErrorCode,
  ...DeskCoreErrorCode,
  ...HostErrorCode,
  ...TransportErrorCode,
} as const;
export type DeskErrorCode = (typeof DeskErrorCode)[keyof typeof DeskErrorCode];

export const DESK_ERROR_CODES = Object.keys(DeskErrorCode) as DeskErrorCode[];

export const isDeskErrorCode = (code: unknown): code is DeskErrorCode =>
  typeof code === 'string' && Object.hasOwn(DeskErrorCode, code);
