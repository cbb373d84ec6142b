import { actingStaffRefusal } from '../acting-staff.js';
import type { Actor, DeskContext, DeskHandlers } from '../desk-context.js';
import { hashPin } from '../pin-hash.js';
import { deskError } from '../rpc-errors.js';
import { authorizeCommand, issueCommand } from './issue-command.js';

type SessionMethods = 'desk.status' | 'staff.list' | 'staff.register' | 'staff.changePin' | 'session.signIn' | 'session.signOut';

/**
 * Staff and sign-in. The clinic's first manager can be registered without signing in, but only
 * while the clinic has no staff at all — and on a desk connected to HQ only once its first pull
 * has shown that, so a new desk of an existing clinic gets its staff from HQ instead.
 */
export const sessionHandlers = (context: DeskContext): Pick<DeskHandlers, SessionMethods> => {
  const { queries, session, store } = context;

  const firstManagerOpen = (): boolean =>
    queries.staff.count() === 0 && (context.hq.url() === null || context.hq.firstPullDone());

  return {
    'desk.status': (_args, actor) => {
      const clinic = queries.clinic();
      return {
        appVersion: context.options.appVersion,
        installationId: store.installationId,
        deskPrefix: context.deskPrefix,
        clinic: clinic.configured && clinic.name ? { name: clinic.name, timeZone: clinic.timeZone } : null,
        session: actor ?? null,
        staffCount: queries.staff.count(),
        firstManagerOpen: firstManagerOpen(),
        needsFullPull: context.sync.journal.needsFullPull() && context.hq.url() !== null,
        loading: context.sync.historyLoading(),
      };
    },

    'staff.list': () => ({ items: queries.staff.list() }),

    'staff.register': async (args, caller) => {
      const authorize = (actor: Actor | undefined): void => {
        // DeskCore checked the acting staff before; again here, after the slow hash.
        const changed = actingStaffRefusal(args.actingStaffId, actor);
        if (changed) throw changed;
        if (actor) {
          authorizeCommand(actor, 'RegisterStaff');
          return;
        }
        if (!firstManagerOpen()) {
          throw deskError(
            queries.staff.count() === 0 ? 'FORBIDDEN' : 'NOT_SIGNED_IN',
            queries.staff.count() === 0
              ? 'This desk is connected to HQ: staff arrive with its first sync; registering a first manager here waits until then'
              : 'The clinic has staff already: a manager must sign in to register someone',
          );
        }
        if (args.role !== 'manager') throw deskError('FORBIDDEN', "The clinic's first staff member must be a manager");
      };
      authorize(caller);
      const pinHash = await hashPin(args.pin);
      // Checked again after the slow hash, in the same synchronous step as the write: two first
      // managers sent at once (a double click) must not both get in, and a manager signed out
      // meanwhile must not register anyone.
      const actor = context.currentActor();
      authorize(actor);
      const result = issueCommand(context, actor ?? null, {
        commandId: context.ids.newId(),
        type: 'RegisterStaff',
        payload: { name: args.name, role: args.role, pinHash },
      });
      return { streamId: result.streamId };
    },

    'staff.changePin': async (args, actor) => {
      // Your own PIN: the current one first (a desk left signed in must not let a passer-by take
      // the account over). Someone else's: a manager, who needs no PIN of theirs.
      const own = actor.staffId === args.staffId;
      if (own) {
        if (args.currentPin === undefined) throw deskError('VALIDATION', 'currentPin: needed to change your own PIN');
        const staff = queries.staff.get(actor.staffId);
        if (!staff) throw deskError('NOT_FOUND', 'No such staff member on this desk');
        await session.checkPin(staff, args.currentPin);
      } else {
        authorizeCommand(actor, 'ChangeStaffPin');
      }
      const pinHash = await hashPin(args.pin);
      // The session may have changed during the slow steps above: check again before writing.
      const now = context.currentActor();
      const changed = actingStaffRefusal(args.actingStaffId, now);
      if (changed || !now) throw changed ?? deskError('NOT_SIGNED_IN', 'Signed out while changing the PIN; sign in again');
      if (!own) authorizeCommand(now, 'ChangeStaffPin');
      const result = issueCommand(context, now, {
        commandId: context.ids.newId(),
        type: 'ChangeStaffPin',
        streamId: args.staffId,
        payload: { pinHash },
      });
      return { streamId: result.streamId, version: result.version };
    },

    'session.signIn': (args) => session.signIn(queries.staff.get(args.staffId), args.pin),

    'session.signOut': () => {
      session.signOut();
      return {};
    },
  };
};
