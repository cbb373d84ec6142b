import { DomainError } from '../../../shared/eventsourcing/index.js';
import type { DeskContext, DeskHandlers } from '../desk-context.js';
import { hashPin } from '../pin-hash.js';
import { authorizeCommand, issueCommand, requireSignedIn } from './issue-command.js';

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
        needsFullPull: store.needsFullPull,
      };
    },

    'staff.list': () => ({ items: queries.staff.list() }),

    'staff.register': async (args, actor) => {
      const authorize = (): void => {
        if (actor) {
          authorizeCommand(actor, 'RegisterStaff');
          return;
        }
        if (!firstManagerOpen()) {
          throw new DomainError(
            queries.staff.count() === 0 ? 'FORBIDDEN' : 'NOT_SIGNED_IN',
            queries.staff.count() === 0
              ? 'This desk is connected to HQ: staff arrive with its first sync; registering a first manager here waits until then'
              : 'The clinic has staff already: a manager must sign in to register someone',
          );
        }
        if (args.role !== 'manager') throw new DomainError('FORBIDDEN', "The clinic's first staff member must be a manager");
      };
      authorize();
      const pinHash = await hashPin(args.pin);
      // Checked again after the slow hash, in the same synchronous step as the write: two first
      // managers sent at once (a double click) must not both get in.
      authorize();
      const result = issueCommand(context, actor ?? null, {
        commandId: context.ids.newId(),
        type: 'RegisterStaff',
        payload: { name: args.name, role: args.role, pinHash },
      });
      return { streamId: result.streamId };
    },

    'staff.changePin': async (args, actor) => {
      // Anyone may change their own PIN; someone else's takes a manager.
      const signedIn = requireSignedIn(actor);
      if (signedIn.staffId !== args.staffId) authorizeCommand(actor, 'ChangeStaffPin');
      const pinHash = await hashPin(args.pin);
      const result = issueCommand(context, signedIn, {
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
