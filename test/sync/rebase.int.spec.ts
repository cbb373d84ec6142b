/**
 * The rebase on real desk stores, without the network: two tab desks, and a log standing in for
 * HQ that takes what a desk delivers (in order, refusing a clashing version) and hands back
 * pages. The worker tests (sync-worker.int.spec.ts) run the same rules against a real HQ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createStreamRegistry, type Command, type DomainEvent, type EventEnvelope } from '../../shared/eventsourcing/index.js';
import { tabStream, type TabEvent, type TabState } from '../../shared/eventsourcing/testing/fixtures/tab.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { SyncDivergence, type RemoteEvent } from '../../src-main/core/store/sqlite-event-store.js';
import { tabCmd } from '../support/tab-commands.js';
import { chargedTab, HqLog, payAndCloseTab, rebasingDesks } from '../support/tab-rebase.js';
import { dumpTabReadModels } from '../support/tab-projection.js';

const desks = rebasingDesks();
afterEach(desks.closeAll);
const desk = desks.open;

const types = (events: readonly EventEnvelope[]) => events.map((e) => `${e.version}:${e.type}`);

describe('rebase on a pulled page', () => {
  it('sequence 1: own event and a clashing one in one page — own marked published, only the later one set aside and re-run', () => {
    const hq = new HqLog();
    const a = desk();
    const b = desk();
    const { streamId } = a.headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
    hq.deliver(a);
    b.pull(hq);
    // A's charge (v2) reaches HQ but the answer is lost; A then records v3 locally.
    const e1 = a.headspring.execute(tabCmd('AddCharge', { amount: 5 }, streamId)).events;
    hq.deliverSilently(e1);
    const mine = a.headspring.execute(tabCmd('AddCharge', { amount: 7 }, streamId));
    // B pulls E1 and appends F (v3).
    b.pull(hq);
    b.headspring.execute(tabCmd('TakePayment', { amount: 5 }, streamId));
    hq.deliver(b);

    const result = a.pull(hq);
    expect([...result.rebased]).toEqual([streamId]);
    expect(result.published).toBe(1);
    expect(types(a.stream(streamId))).toEqual(['1:TabOpened', '2:ChargeAdded', '3:PaymentTaken']);
    expect(a.events.countPending()).toBe(0);
    expect(a.events.hasSetAside(streamId)).toBe(true);

    const [report] = a.rerunAll();
    expect(report?.outcomes).toEqual([{ commandId: mine.events[0]?.meta.commandId, status: 'done', events: 1 }]);
    expect(types(a.stream(streamId))).toEqual(['1:TabOpened', '2:ChargeAdded', '3:PaymentTaken', '4:ChargeAdded']);
    expect(a.stream(streamId)[3]?.eventId).not.toBe(mine.events[0]?.eventId);
    hq.deliver(a);
    b.pull(hq);
    expect(b.stream(streamId)).toEqual(a.stream(streamId));
    const inline = dumpTabReadModels(a.store.reader);
    a.events.projections.rebuildAll();
    expect(dumpTabReadModels(a.store.reader)).toEqual(inline);
  });

  it('an intent that no longer holds becomes one conflict; later intents wait; observations still go in', () => {
    const { hq, a, b, streamId } = chargedTab(desk);
    // A, offline: charges twice (intents), takes a payment (an observation).
    const charge = a.headspring.execute(tabCmd('AddCharge', { amount: 3 }, streamId));
    const later = a.headspring.execute(tabCmd('AddCharge', { amount: 4 }, streamId));
    const payment = a.headspring.execute(tabCmd('TakePayment', { amount: 12 }, streamId));
    // B settled and closed the tab meanwhile: A's charges no longer hold.
    payAndCloseTab(hq, b, streamId);

    a.pull(hq);
    const [report] = a.rerunAll();
    const chargeId = charge.events[0]?.meta.commandId as string;
    const laterId = later.events[0]?.meta.commandId as string;
    const conflictId = uuidV7.derive('conflict', chargeId);
    expect(report?.outcomes.map((o) => o.status)).toEqual(['conflict', 'waiting', 'done']);
    expect(report?.outcomes[2]).toMatchObject({ anomaly: 'TAB_NOT_OPEN' });
    expect(types(a.stream(streamId))).toEqual([
      '1:TabOpened',
      '2:ChargeAdded',
      '3:PaymentTaken',
      '4:TabClosed',
      '5:CommandConflicted',
      '6:PaymentTaken',
      '7:AnomalyNoted',
    ]);
    expect(a.stream(streamId)[4]?.data).toMatchObject({
      conflictId,
      command: { commandId: chargeId, type: 'AddCharge', payload: { amount: 3 } },
      error: { code: 'TAB_NOT_OPEN' },
      waiting: [laterId],
      decidedOn: 2,
    });
    expect(a.events.findCommand(chargeId)?.outcome).toEqual({ status: 'conflict', streamId, conflictId });
    expect(a.events.findCommand(laterId)?.outcome).toEqual({ status: 'waiting', streamId, conflictId });
    expect(a.events.findCommand(payment.events[0]?.meta.commandId as string)?.outcome).toMatchObject({ status: 'done' });
    expect(a.events.hasSetAside(streamId)).toBe(false);
    expect(dumpTabReadModels(a.store.reader).totals).toMatchObject([{ charged: 5, paid: 17, status: 'closed', anomalies: 1 }]);

    // Dismissing it releases the waiting charge, which fails too: it becomes the next conflict.
    a.headspring.resolveConflict({ streamId, conflictId, action: 'dismiss', reason: 'tab was settled', issuedBy: 'staff', issuedAt: '2026-11-25T13:00:00.000Z' });
    expect(a.events.waitingGroups()).toEqual([{ streamId, conflictId }]);
    const released = a.rerun.released(streamId, conflictId);
    expect(released.outcomes).toEqual([
      { commandId: laterId, status: 'conflict', conflictId: uuidV7.derive('conflict', laterId), code: 'TAB_NOT_OPEN' },
    ]);
    expect(types(a.stream(streamId)).slice(-2)).toEqual(['8:ConflictResolved', '9:CommandConflicted']);
    expect(a.events.waitingGroups()).toEqual([]);
  });

  it('sequence 3 (store level): a conflict recorded, then rebased again, is re-recorded exactly once', () => {
    const { hq, a, b, streamId } = chargedTab(desk);
    a.headspring.execute(tabCmd('TakePayment', { amount: 5 }, streamId));
    const close = a.headspring.execute(tabCmd('CloseTab', {}, streamId));
    b.headspring.execute(tabCmd('AddCharge', { amount: 1 }, streamId));
    hq.deliver(b);
    a.pull(hq);
    a.rerunAll();
    const closeId = close.events[0]?.meta.commandId as string;
    expect(types(a.stream(streamId)).slice(-2)).toEqual(['4:PaymentTaken', '5:CommandConflicted']);
    // Before A publishes them, B's event takes version 4.
    b.headspring.execute(tabCmd('AddCharge', { amount: 2 }, streamId));
    hq.deliver(b);
    a.pull(hq);
    a.rerunAll();
    expect(types(a.stream(streamId))).toEqual([
      '1:TabOpened',
      '2:ChargeAdded',
      '3:ChargeAdded',
      '4:ChargeAdded',
      '5:PaymentTaken',
      '6:CommandConflicted',
    ]);
    expect(a.events.findCommand(closeId)?.outcome.status).toBe('conflict');
    hq.deliver(a);
    b.pull(hq);
    expect(b.stream(streamId)).toEqual(a.stream(streamId));
  });

  it('a set-aside command whose events the stream already holds (delivered before, other event ids) is not run again', () => {
    const hq = new HqLog();
    const a = desk();
    const { streamId } = a.headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
    hq.deliver(a);
    const payment = tabCmd('TakePayment', { amount: 0 }, streamId) as Command;
    const local = a.headspring.execute(payment);
    // The same command reached HQ earlier under other event ids (a restored backup's situation).
    hq.deliverSilently(local.events.map((e) => ({ ...e, eventId: uuidV7.newId() })));
    a.pull(hq);
    const [report] = a.rerunAll();
    expect(report?.outcomes).toEqual([{ commandId: payment.commandId, status: 'already-recorded' }]);
    expect(types(a.stream(streamId))).toEqual(['1:TabOpened', '2:PaymentTaken']);
    expect(a.events.findCommand(payment.commandId)?.outcome).toEqual({ status: 'done', streamId, fromVersion: 2, toVersion: 2 });
  });

  it('refuses a page that contradicts an event held as published, and changes nothing', () => {
    const hq = new HqLog();
    const a = desk();
    const { streamId, events } = a.headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
    hq.deliver(a);
    const before = a.events.readAll(0, 100);
    const forged: RemoteEvent = {
      envelope: { ...(events[0] as EventEnvelope), eventId: uuidV7.newId() },
      serverPosition: 2,
      receivedAt: '2026-11-25T12:00:00.000Z',
    };
    let wrote = false;
    expect(() => a.events.applyPulled([forged], () => void (wrote = true))).toThrow(SyncDivergence);
    expect(wrote).toBe(false);
    expect(a.events.readAll(0, 100)).toEqual(before);
    expect(a.stream(streamId)).toHaveLength(1);
  });

  it('sequence 8 (store level): commands kept aside for an event this build cannot read re-run after the update', () => {
    const hq = new HqLog();
    const a = desk();
    const { streamId, events } = a.headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
    hq.deliver(a);
    const charge = a.headspring.execute(tabCmd('AddCharge', { amount: 5 }, streamId));
    // A newer app split the tab: an event type this build does not know.
    const opened = events[0] as EventEnvelope;
    hq.deliverSilently([{ ...opened, eventId: uuidV7.newId(), version: 2, type: 'TabSplit', schemaVersion: 1, data: { ways: 2 } }]);
    a.pull(hq);
    const [report] = a.rerunAll();
    expect(report).toMatchObject({ streamId, waitingForUpgrade: true, outcomes: [] });
    expect(a.events.hasSetAside(streamId)).toBe(true);
    expect(types(a.stream(streamId))).toEqual(['1:TabOpened', '2:TabSplit']);
    a.store.close();
    desks.forget(a);

    // The update: a build that knows TabSplit opens the same data folder and re-runs them.
    const newer = createStreamRegistry([
      {
        ...tabStream,
        events: { ...tabStream.events, TabSplit: 1 },
        decider: {
          ...tabStream.decider,
          evolve: (state: TabState, event: DomainEvent) => (event.type === 'TabSplit' ? state : tabStream.decider.evolve(state, event as TabEvent)),
        },
      },
    ]);
    const updated = desk(a.dataDir, newer);
    const [after] = updated.rerunAll();
    expect(after?.outcomes).toEqual([{ commandId: charge.events[0]?.meta.commandId, status: 'done', events: 1 }]);
    expect(types(updated.stream(streamId))).toEqual(['1:TabOpened', '2:TabSplit', '3:ChargeAdded']);
    expect(updated.events.hasSetAside(streamId)).toBe(false);
  });
});
