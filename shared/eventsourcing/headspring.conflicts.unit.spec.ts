import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import type { RecordConflictCommand } from './conflicts.js';
import { tabCommand, tabKernel } from './testing/kernel-harness.js';
import { createStreamRegistry } from './registry.js';
import { tabStream } from './testing/fixtures/tab.js';

/** A tab with one charge, and a CloseTab that (after a rebase) no longer held: conflict c-1. */
const conflictedTab = () => {
  const kernel = tabKernel();
  const { headspring } = kernel;
  const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
  headspring.execute(tabCommand('AddCharge', { amount: 5 }, { streamId }));
  const original = { ...tabCommand('CloseTab', {}, { issuedBy: 'staff-7' }), streamId } as Command;
  const record: RecordConflictCommand = {
    commandId: 'conflict-command:close',
    type: 'RecordConflict',
    streamId,
    payload: {
      conflictId: 'c-1',
      command: original,
      error: { code: 'BALANCE_NOT_ZERO', message: 'The balance is not zero' },
      waiting: ['cmd-later'],
      decidedOn: 1,
    },
    schemaVersion: 1,
    issuedBy: 'staff-7',
    issuedAt: '2026-11-25T10:00:00.000Z',
    predecessorId: original.commandId,
  };
  headspring.execute(record);
  return { ...kernel, streamId, original, record };
};

describe('conflicts on a stream', () => {
  describe('when a conflict is recorded', () => {
    it('holds CommandConflicted with the whole original command and leaves the domain state alone', () => {
      const { headspring, store, streamId, original } = conflictedTab();
      const last = store.all().at(-1);
      expect(last).toMatchObject({ type: 'CommandConflicted', version: 3, streamType: 'tab', schemaVersion: 1 });
      expect(last?.data).toMatchObject({ conflictId: 'c-1', command: original, waiting: ['cmd-later'] });
      expect(last?.meta).toMatchObject({ predecessorId: original.commandId, initiator: 'staff-7' });
      expect(headspring.load(streamId)).toMatchObject({ version: 3, state: { status: 'open', charged: 5, paid: 0 } });
      expect(headspring.stateAt(streamId, { version: 3 }).state).toEqual(headspring.stateAt(streamId, { version: 2 }).state);
    });

    it('is recorded once: the same command again is its first result, another command for it adds nothing', () => {
      const { headspring, store, record } = conflictedTab();
      expect(headspring.execute(record)).toMatchObject({ deduplicated: true, version: 3 });
      const again = headspring.execute({ ...record, commandId: 'conflict-command:other' });
      expect(again.events).toEqual([]);
      expect(store.all()).toHaveLength(3);
    });
  });

  describe('when a person retries it', () => {
    it('runs the original, edited, and records ConflictResolved in the same append', () => {
      const { headspring, store, streamId, original } = conflictedTab();
      headspring.execute(tabCommand('TakePayment', { amount: 5 }, { streamId }));
      const result = headspring.resolveConflict({
        streamId,
        conflictId: 'c-1',
        action: 'retry',
        issuedBy: 'staff-9',
        issuedAt: '2026-11-25T11:00:00.000Z',
      });
      expect(result.events.map((e) => e.type)).toEqual(['TabClosed', 'ConflictResolved']);
      expect(result.events[1]?.data).toEqual({ conflictId: 'c-1', action: 'retry', commandType: 'CloseTab' });
      for (const event of result.events) {
        expect(event.meta).toMatchObject({ commandId: 'resolution:c-1', predecessorId: original.commandId, initiator: 'staff-9' });
      }
      expect(store.findCommand('resolution:c-1')?.outcome).toEqual({ status: 'done', streamId, fromVersion: 5, toVersion: 6 });
      expect(headspring.load(streamId).state).toMatchObject({ status: 'closed' });
    });

    it('takes the edited payload', () => {
      const kernel = tabKernel();
      const { headspring } = kernel;
      const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
      const original = { ...tabCommand('AddCharge', { amount: 5 }), streamId } as Command;
      headspring.execute({
        commandId: 'rc-1',
        type: 'RecordConflict',
        streamId,
        payload: { conflictId: 'c-2', command: original, error: { code: 'X', message: 'x' }, waiting: [], decidedOn: 1 },
        schemaVersion: 1,
        issuedBy: 'staff-1',
        issuedAt: '2026-11-25T10:00:00.000Z',
      });
      const result = headspring.resolveConflict({
        streamId,
        conflictId: 'c-2',
        action: 'retry',
        payload: { amount: 7 },
        issuedBy: 'staff-2',
        issuedAt: '2026-11-25T11:00:00.000Z',
      });
      expect(result.events.map((e) => [e.type, e.data])).toEqual([
        ['ChargeAdded', { amount: 7 }],
        ['ConflictResolved', { conflictId: 'c-2', action: 'retry', commandType: 'AddCharge' }],
      ]);
    });

    it('refuses a retry that still does not hold, writes nothing and leaves the conflict open', () => {
      const { headspring, store, streamId } = conflictedTab();
      const request = { streamId, conflictId: 'c-1', action: 'retry' as const, issuedBy: 'staff-9', issuedAt: '2026-11-25T11:00:00.000Z' };
      expect(() => headspring.resolveConflict(request)).toThrowError(expect.objectContaining({ code: 'BALANCE_NOT_ZERO' }));
      expect(store.all()).toHaveLength(3);
      expect(() => headspring.resolveConflict({ ...request, action: 'dismiss', reason: 'paid elsewhere' })).not.toThrow();
    });
  });

  describe('when a conflict is resolved twice', () => {
    it('the very same request again is its first result; another resolution is CONFLICT_ALREADY_RESOLVED', () => {
      const { headspring, store, streamId } = conflictedTab();
      const dismiss = { streamId, conflictId: 'c-1', action: 'dismiss' as const, reason: 'done by phone', issuedBy: 'staff-9', issuedAt: '2026-11-25T11:00:00.000Z' };
      const first = headspring.resolveConflict(dismiss);
      expect(first.events.map((e) => [e.type, e.data])).toEqual([
        ['ConflictResolved', { conflictId: 'c-1', action: 'dismiss', reason: 'done by phone' }],
      ]);
      expect(headspring.resolveConflict(dismiss)).toMatchObject({ deduplicated: true, version: 4 });
      expect(() => headspring.resolveConflict({ ...dismiss, reason: 'another reason' })).toThrowError(
        expect.objectContaining({ code: 'CONFLICT_ALREADY_RESOLVED' }),
      );
      expect(() => headspring.resolveConflict({ ...dismiss, conflictId: 'c-404' })).toThrowError(
        expect.objectContaining({ code: 'CONFLICT_NOT_FOUND' }),
      );
      expect(store.all()).toHaveLength(4);
    });
  });

  describe('on a rebase', () => {
    it('a resolution someone else already made is done with no events', () => {
      const { headspring, store, streamId } = conflictedTab();
      const mine = headspring.resolveConflict({ streamId, conflictId: 'c-1', action: 'dismiss', reason: 'mine', issuedBy: 'staff-1', issuedAt: '2026-11-25T11:00:00.000Z' });
      const command = store.findCommand('resolution:c-1')?.command as Command;
      // Another desk's resolution took the version first; this one is re-run on top of it.
      store.insertForeign([{ ...(mine.events[0] as (typeof mine.events)[number]), eventId: 'theirs', version: 5 }]);
      expect(headspring.reexecute(command).events).toEqual([]);
    });

    it('a retry that no longer holds keeps the decision and becomes the next conflict', () => {
      const { headspring, store, streamId, original } = conflictedTab();
      headspring.execute(tabCommand('TakePayment', { amount: 5 }, { streamId }));
      // The retry as this desk had made it (its events now set aside), re-run after another desk
      // charged the tab again: the retried CloseTab no longer holds.
      const retry: Command = {
        commandId: 'resolution:c-1',
        type: 'ResolveConflict',
        streamId,
        payload: { conflictId: 'c-1', action: 'retry' },
        schemaVersion: 1,
        issuedBy: 'staff-9',
        issuedAt: '2026-11-25T11:00:00.000Z',
        predecessorId: original.commandId,
      };
      const [charge] = store.all().filter((e) => e.type === 'ChargeAdded');
      store.insertForeign([{ ...(charge as NonNullable<typeof charge>), eventId: 'remote-charge', version: 5 }]);
      const rerun = headspring.reexecute(retry);
      expect(rerun.events.map((e) => e.type)).toEqual(['ConflictResolved', 'CommandConflicted']);
      expect(rerun.events[1]?.data).toMatchObject({
        conflictId: 'conflict:resolution:c-1',
        command: { type: 'CloseTab', commandId: 'resolution:c-1', predecessorId: original.commandId, issuedBy: 'staff-9' },
        error: { code: 'BALANCE_NOT_ZERO' },
        decidedOn: 5,
      });
    });

    it('an intent whose effect already holds is done with no events', () => {
      const { headspring, store } = tabKernel();
      const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
      const close = { ...tabCommand('CloseTab', {}), streamId } as Command;
      const closed = headspring.execute(close);
      // Another desk closed it first.
      store.insertForeign([{ ...(closed.events[0] as (typeof closed.events)[number]), eventId: 'remote-close', version: 3 }]);
      const again = headspring.reexecute(close);
      expect(again.events).toEqual([]);
      expect(store.findCommand(close.commandId)?.outcome).toEqual({ status: 'done', streamId, fromVersion: 4, toVersion: 3 });
    });
  });

  it('no stream type may declare the kernel conflict events or commands', () => {
    expect(() => createStreamRegistry([{ ...tabStream, events: { ...tabStream.events, CommandConflicted: 1 } }] as never)).toThrow(
      /CommandConflicted, a kernel event/,
    );
    expect(() =>
      createStreamRegistry([{ ...tabStream, commands: { ...tabStream.commands, ResolveConflict: { kind: 'intent', startsStream: false } } } as never]),
    ).toThrow(/ResolveConflict, a kernel command/);
    const registry = createStreamRegistry([tabStream]);
    expect(registry.understands('ConflictResolved', 1)).toBe(true);
    expect(registry.understands('ConflictResolved', 2)).toBe(false);
  });
});
