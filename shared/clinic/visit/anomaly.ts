import type { DomainError } from '../../eventsourcing/index.js';
import type { VisitCommand } from './commands.js';
import type { VisitEventOf } from './events.js';

/**
 * The event that follows an observation recorded although one of its rules no longer held
 * (rebase). Staff see it on the visit and in the warnings; the rule is the DomainError's code.
 */
export const flagVisitAnomaly = (error: DomainError, command: VisitCommand): VisitEventOf<'AnomalyFlagged'> => ({
  type: 'AnomalyFlagged',
  data: { rule: error.code, detail: error.message, commandType: command.type },
});
