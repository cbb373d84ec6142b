import type { VisitState } from '../../../shared/clinic/visit/state.js';
import { isDomainError, type LoadedStream } from '../../../shared/eventsourcing/index.js';
import type { DeskContext, DeskHandlers } from '../desk-context.js';
import { deskError } from '../rpc-errors.js';

type ReadMethods =
  | 'board.day'
  | 'schedule.range'
  | 'patients.search'
  | 'patients.get'
  | 'visit.get'
  | 'visit.history'
  | 'visit.stateAt'
  | 'audit.query'
  | 'warnings.list';

const DAY_MS = 86_400_000;

/** Reads for any signed-in staff member; the audit trail (who did what to whom) for managers (METHOD_ACCESS). */
export const readHandlers = (context: DeskContext): Pick<DeskHandlers, ReadMethods> => {
  const { queries, headspring } = context;

  const visitStream = (visitId: string, load: () => LoadedStream): LoadedStream => {
    let loaded: LoadedStream;
    try {
      loaded = load();
    } catch (error) {
      if (isDomainError(error) && error.code === 'NOT_FOUND') throw deskError('NOT_FOUND', `No visit ${visitId}`);
      throw error;
    }
    if (loaded.streamType !== 'visit') throw deskError('NOT_FOUND', `No visit ${visitId}`);
    return loaded;
  };

  const requireVisit = (visitId: string): void => {
    if (context.store.events.streamHead(visitId)?.streamType !== 'visit') throw deskError('NOT_FOUND', `No visit ${visitId}`);
  };

  return {
    'board.day': (args) => {
      return queries.dayBoard(args.date, queries.clinic().timeZone);
    },
    'schedule.range': (args) => {
      return { items: queries.schedule(args) };
    },
    'patients.search': (args) => {
      return { items: queries.patients.search(args.q) };
    },
    'patients.get': (args) => {
      const patient = queries.patients.get(args.patientId);
      if (!patient) throw deskError('NOT_FOUND', `No patient ${args.patientId}`);
      return patient;
    },
    'visit.get': (args) => {
      requireVisit(args.visitId);
      const needsUpgrade = context.store.events.needsUpgrade(args.visitId);
      const current = needsUpgrade
        ? queries.visitRecord(args.visitId)
        : (() => {
            const loaded = visitStream(args.visitId, () => headspring.load(args.visitId));
            return { state: loaded.state as VisitState, version: loaded.version };
          })();
      if (!current) throw deskError('NOT_FOUND', `No visit ${args.visitId}`);
      const { state } = current;
      return {
        visitId: args.visitId,
        version: current.version,
        state,
        patient: state.patientId ? (queries.patients.summary(state.patientId) ?? null) : null,
        needsUpgrade,
      };
    },
    'visit.history': (args) => {
      requireVisit(args.visitId);
      return { events: headspring.history(args.visitId) };
    },
    'visit.stateAt': (args) => {
      requireVisit(args.visitId);
      const point = 'version' in args ? { version: args.version } : { at: args.at };
      const loaded = visitStream(args.visitId, () => headspring.stateAt(args.visitId, point));
      return { visitId: args.visitId, version: loaded.version, state: loaded.state as VisitState };
    },
    'audit.query': (args) => {
      return queries.audit(args);
    },
    'warnings.list': (args) => {
      // Without a period: from yesterday to two months ahead, what the desk can still act on.
      const now = context.now().getTime();
      return {
        items: queries.warnings({
          from: args.from ?? new Date(now - DAY_MS).toISOString(),
          to: args.to ?? new Date(now + 60 * DAY_MS).toISOString(),
        }),
      };
    },
  };
};
