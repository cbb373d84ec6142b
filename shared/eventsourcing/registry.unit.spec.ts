import { describe, expect, it } from 'vitest';
import { createStreamRegistry } from './registry.js';
import { tabStream } from './testing/fixtures/tab.js';
import { tabCommand, tabKernel } from './testing/kernel-harness.js';
import type { EventEnvelope } from './event.js';

const envelope = (over: Partial<EventEnvelope>): EventEnvelope => ({
  eventId: 'e-1',
  streamType: 'tab',
  streamId: 'tab-1',
  version: 1,
  type: 'TabOpened',
  schemaVersion: 1,
  data: { name: 'Kim', openedAt: '2026-11-25T09:00:00.000Z' },
  meta: {
    commandId: 'c-1',
    processId: 'c-1',
    initiator: 'staff-1',
    predecessorId: 'c-1',
    deviceId: 'd-1',
    raisedAt: '2026-11-25T09:00:00.000Z',
    appVersion: '0.0.1',
  },
  ...over,
});

describe('stream registry', () => {
  const registry = createStreamRegistry([tabStream]);

  it('upcasts an old schemaVersion on read and leaves the stored envelope alone', () => {
    const stored = envelope({ type: 'ChargeAdded', schemaVersion: 1, data: { cents: 700 }, version: 2 });
    const read = registry.read(stored);
    expect(read).toMatchObject({ known: true, event: { type: 'ChargeAdded', data: { amount: 700 } } });
    expect(read.envelope.schemaVersion).toBe(2);
    expect(stored).toMatchObject({ schemaVersion: 1, data: { cents: 700 } });
  });

  it('reads an event from its type, schemaVersion and data alone, upcast; undefined when this build cannot', () => {
    expect(registry.eventOf('ChargeAdded', 1, { cents: 700 })).toEqual({ type: 'ChargeAdded', data: { amount: 700 } });
    expect(registry.eventOf('ChargeAdded', 3, { amount: 700 })).toBeUndefined();
    expect(registry.eventOf('TabTeleported', 1, {})).toBeUndefined();
  });

  it('keeps an unknown type, or a newer schemaVersion, as unknown', () => {
    expect(registry.read(envelope({ type: 'TabTeleported' })).known).toBe(false);
    expect(registry.read(envelope({ type: 'ChargeAdded', schemaVersion: 3 })).known).toBe(false);
    expect(registry.understands('ChargeAdded', 2)).toBe(true);
    expect(registry.understands('ChargeAdded', 0)).toBe(false);
  });

  it('refuses a definition with a gap in its upcaster chain', () => {
    expect(() => createStreamRegistry([{ ...tabStream, upcasters: [] }])).toThrow(/lacks an upcaster from v1/);
  });

  it('refuses an observation without record and flagAnomaly', () => {
    expect(() => createStreamRegistry([{ ...tabStream, record: undefined }])).toThrow(/no record\/flagAnomaly/);
  });

  it('refuses a command type claimed by two stream types', () => {
    expect(() => createStreamRegistry([tabStream, { ...tabStream, streamType: 'tab2', events: {} }])).toThrow(
      /belongs to two stream types/,
    );
  });
});

describe('Headspring over upcast and unknown events', () => {
  it('folds an upcast event into the state', () => {
    const { headspring, store } = tabKernel();
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    const opened = store.all()[0] as EventEnvelope;
    store.insertForeign([{ ...opened, eventId: 'old-1', version: 2, type: 'ChargeAdded', schemaVersion: 1, data: { cents: 30 } }]);
    expect(headspring.load(streamId).state).toMatchObject({ charged: 30 });
    // history shows the current shape; the store keeps the original
    expect(headspring.history(streamId)[1]).toMatchObject({ schemaVersion: 2, data: { amount: 30 } });
    expect(store.all()[1]).toMatchObject({ schemaVersion: 1, data: { cents: 30 } });
  });

  it('keeps an unknown event and refuses commands on its stream with STREAM_NEEDS_UPGRADE', () => {
    const { headspring, store } = tabKernel();
    const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
    const opened = store.all()[0] as EventEnvelope;
    const future = { ...opened, eventId: 'future-1', version: 2, type: 'TabSplit', data: { ways: 3 } };
    store.insertForeign([future]);
    expect(() => headspring.execute(tabCommand('AddCharge', { amount: 1 }, { streamId }))).toThrowError(
      expect.objectContaining({ code: 'STREAM_NEEDS_UPGRADE' }),
    );
    expect(store.all()).toEqual([opened, future]);
    expect(headspring.history(streamId)[1]).toEqual(future);
    // other streams are unaffected
    expect(headspring.execute(tabCommand('OpenTab', { name: 'Lee' })).version).toBe(1);
  });
});
