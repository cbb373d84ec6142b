/**
 * Given/when/then for deciders (after Emmett's DeciderSpecification):
 *
 *   spec.given([...earlier events]).when(command).then([...expected events])
 *   spec.given([...]).when(command).thenThrows('SOME_CODE')
 *
 * It throws plain Errors, so it works under any test runner and keeps shared/ free of one.
 */
import { canonicalJson } from '../canonical-json.js';
import type { Command } from '../command.js';
import type { Decider } from '../decider.js';
import { isDomainError } from '../domain-error.js';
import type { DomainEvent } from '../event.js';

export interface DeciderThen<E extends DomainEvent> {
  readonly then: (expected: readonly E[]) => void;
  /** The events, for assertions a list cannot express. */
  readonly thenEvents: () => readonly E[];
  readonly thenThrows: (code: string) => void;
}

export interface DeciderGiven<C extends Command, E extends DomainEvent> {
  readonly when: (command: C) => DeciderThen<E>;
}

export interface DeciderSpecification<C extends Command, E extends DomainEvent> {
  readonly given: (events: readonly E[]) => DeciderGiven<C, E>;
}

export const deciderSpecification = <State, C extends Command, E extends DomainEvent>(
  decider: Decider<State, C, E>,
): DeciderSpecification<C, E> => ({
  given: (given) => ({
    when: (command) => {
      const run = (): readonly E[] => {
        const state = given.reduce((current, event) => decider.evolve(current, event), decider.initialState());
        return decider.decide(state, command);
      };
      return {
        then: (expected) => {
          const actual = run();
          if (canonicalJson(actual) !== canonicalJson(expected)) {
            throw new Error(
              `${command.type} decided other events.\nexpected: ${canonicalJson(expected)}\nactual:   ${canonicalJson(actual)}`,
            );
          }
        },
        thenEvents: run,
        thenThrows: (code) => {
          let actual: readonly E[];
          try {
            actual = run();
          } catch (error) {
            if (isDomainError(error) && error.code === code) return;
            const got = isDomainError(error) ? `DomainError ${error.code}` : String(error);
            throw new Error(`${command.type} should throw ${code} but threw ${got}`, { cause: error });
          }
          throw new Error(`${command.type} should throw ${code} but decided ${canonicalJson(actual)}`);
        },
      };
    },
  }),
});
