/**
 * A desk has one signed-in person at a time, and two people can sign in at one desk at the same
 * moment: both screens then show their own name, but only the last is signed in. So a change a
 * person makes carries the staff id its screen showed (`actingStaffId`), and the desk takes it
 * only for whoever is signed in now — checked by DeskCore before the handler, and again by a
 * handler after a slow step (a PIN hash) during which someone else may have signed in.
 */
import type { DomainError } from '../../shared/eventsourcing/index.js';
import type { DeskErrorCode } from '../../shared/contract/error-codes.js';
import type { Actor } from './desk-context.js';
import { deskError } from './rpc-errors.js';

/** Why a change for `actingStaffId` may not run now that `actor` is signed in (or nobody is), or undefined when it may. */
export const actingStaffRefusal = (actingStaffId: string | undefined, actor: Actor | undefined): DomainError<DeskErrorCode> | undefined => {
  if (actingStaffId === actor?.staffId) return undefined;
  if (!actor) return deskError('NOT_SIGNED_IN', 'Signed out meanwhile: sign in again');
  return deskError(
    'SESSION_CHANGED',
    actingStaffId === undefined
      ? `${actor.name} signed in at this desk meanwhile: check the screen and try again`
      : `${actor.name} is signed in at this desk now, not the person this screen showed: check the screen and try again`,
  );
};
