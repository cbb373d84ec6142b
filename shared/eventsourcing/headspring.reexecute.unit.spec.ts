import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import { tabCommand, tabKernel } from './testing/kernel-harness.js';

/** Runs a command once so it is in the log, as a set-aside command would be. */
const recorded = (command: ReturnType<typeof tabCommand>, streamId: string): Command => ({ ...command, streamId });

describe('Headspring.reexecute', () => {
  it('makes new event ids and keeps commandId, issuedAt and issuedBy', () => {
    const { headspring, store } = tabKernel();
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    const charge = recorded(tabCommand('AddCharge', { amount: 5 }, { issuedBy: 'staff-9' }), streamId);
    const first = headspring.execute(charge);
    // Another desk's charge now holds version 2; the original command is re-run on top of it.
    store.insertForeign([{ ...(first.events[0] as (typeof first.events)[number]), eventId: 'remote-1', version: 3 }]);
    const again = headspring.reexecute(charge);
    expect(again.version).toBe(4);
    const [event] = again.events;
    expect(event?.eventId).not.toBe(first.events[0]?.eventId);
    expect(event?.meta).toMatchObject({ commandId: charge.commandId, raisedAt: charge.issuedAt, initiator: 'staff-9' });
    expect(store.findCommand(charge.commandId)?.outcome).toEqual({ status: 'done', streamId, fromVersion: 4, toVersion: 4 });
  });

  it('records an observation whose rule no longer holds, followed by an anomaly', () => {
    const { headspring, store } = tabKernel();
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    const payment = recorded(tabCommand('TakePayment', { amount: 50 }), streamId);
    // Nothing was charged, so execute refuses the payment …
    expect(() => headspring.execute(payment)).toThrowError(expect.objectContaining({ code: 'OVERPAID' }));
    // … but on rebase a payment that was taken is a fact: it goes in, flagged.
    const result = headspring.reexecute(payment);
    expect(result.anomaly?.code).toBe('OVERPAID');
    expect(result.events.map((e) => [e.type, e.data])).toEqual([
      ['PaymentTaken', { amount: 50, by: 'staff-1' }],
      ['AnomalyNoted', { rule: 'OVERPAID', detail: 'Payment exceeds the balance' }],
    ]);
    expect(store.all()).toHaveLength(3);
  });

  it('throws the DomainError of an intent that no longer holds and writes nothing', () => {
    const { headspring, store } = tabKernel();
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    headspring.execute(tabCommand('AddCharge', { amount: 5 }, { streamId }));
    const close = recorded(tabCommand('CloseTab', {}), streamId);
    expect(() => headspring.reexecute(close)).toThrowError(expect.objectContaining({ code: 'BALANCE_NOT_ZERO' }));
    expect(store.all()).toHaveLength(2);
  });
});
