import type { Command } from './command.js';
import type { DomainEvent } from './event.js';

/**
 * Loom's CommandExecutor + EventHandler as a plain object of pure functions.
 * decide throws a DomainError for a broken rule; evolve never fails on a known event.
 */
export interface Decider<State, C extends Command, E extends DomainEvent> {
  // Method syntax on purpose: a registry holds deciders of many stream types side by side.
  initialState(): State;
  decide(state: State, command: C): readonly E[];
  evolve(state: State, event: E): State;
}

export const foldEvents = <State, E>(
  evolve: (state: State, event: E) => State,
  initial: State,
  events: Iterable<E>,
): State => {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
};
