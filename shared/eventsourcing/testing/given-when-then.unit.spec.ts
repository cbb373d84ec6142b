import { describe, expect, it } from 'vitest';
import { deciderSpecification } from './given-when-then.js';
import { tabDecider, type TabCommand } from './fixtures/tab.js';

// The kit must fail when the decider disagrees; otherwise every decider test would pass vacuously.
const spec = deciderSpecification(tabDecider);
const open: TabCommand = {
  commandId: 'c-1',
  type: 'OpenTab',
  streamId: 't',
  payload: { name: 'Lee' },
  schemaVersion: 1,
  issuedBy: 's',
  issuedAt: '2026-11-25T09:00:00.000Z',
};

describe('given/when/then kit', () => {
  it('fails then() on other events', () => {
    expect(() => spec.given([]).when(open).then([])).toThrow(/decided other events/);
  });
  it('fails thenThrows() when the command succeeds', () => {
    expect(() => spec.given([]).when(open).thenThrows('TAB_EXISTS')).toThrow(/should throw TAB_EXISTS but decided/);
  });
  it('fails thenThrows() on another code', () => {
    const given = [{ type: 'TabOpened' as const, data: { name: 'Lee', openedAt: open.issuedAt } }];
    expect(() => spec.given(given).when(open).thenThrows('OVERPAID')).toThrow(/but threw DomainError TAB_EXISTS/);
  });
});
