import { describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.js';
import type { EventEnvelope } from './event.js';
import { createInMemoryEventStore } from './testing/in-memory-event-store.js';
import { DEVICE_ID, tabCommand, tabKernel } from './testing/kernel-harness.js';

describe('Headspring.execute', () => {
  describe('given a new stream', () => {
    it('assigns a stream id to a stream-starting command and wraps events in envelopes', () => {
      const { headspring } = tabKernel();
      const command = tabCommand('OpenTab', { name: 'Kim' }, { issuedBy: 'staff-7' });
      const result = headspring.execute(command);
      expect(result.version).toBe(1);
      expect(result.deduplicated).toBe(false);
      expect(result.events).toEqual([
        {
          eventId: 'evt-0002',
          streamType: 'tab',
          streamId: 'evt-0001',
          version: 1,
          type: 'TabOpened',
          schemaVersion: 1,
          data: { name: 'Kim', openedAt: command.issuedAt },
          meta: {
            commandId: command.commandId,
            processId: command.commandId,
            initiator: 'staff-7',
            predecessorId: command.commandId,
            deviceId: DEVICE_ID,
            raisedAt: command.issuedAt,
            appVersion: '0.1.0',
          },
        },
      ]);
    });

    it('refuses a command that needs an existing stream but names none', () => {
      const { headspring, store } = tabKernel();
      expect(() => headspring.execute(tabCommand('AddCharge', { amount: 1 }))).toThrowError(
        expect.objectContaining({ code: 'STREAM_ID_REQUIRED' }),
      );
      expect(store.all()).toEqual([]);
    });

    it('refuses an unknown command type', () => {
      const { headspring } = tabKernel();
      const command = { ...tabCommand('AddCharge', { amount: 1 }), type: 'Teleport' } as never;
      expect(() => headspring.execute(command)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_COMMAND' }));
    });
  });

  describe('given an open tab', () => {
    const open = () => {
      const kernel = tabKernel();
      const { streamId } = kernel.headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
      return { ...kernel, streamId };
    };

    it('appends at the next version and passes a DomainError through, writing nothing', () => {
      const { headspring, store, streamId } = open();
      expect(headspring.execute(tabCommand('AddCharge', { amount: 5 }, { streamId })).version).toBe(2);
      expect(() => headspring.execute(tabCommand('CloseTab', {}, { streamId }))).toThrowError(
        expect.objectContaining({ code: 'BALANCE_NOT_ZERO' }),
      );
      expect(store.all().map((e) => e.version)).toEqual([1, 2]);
    });

    it('returns the first result for a repeated commandId and writes nothing', () => {
      const { headspring, store, streamId } = open();
      const command = tabCommand('AddCharge', { amount: 5 }, { streamId });
      const first = headspring.execute(command);
      const again = headspring.execute({ ...command, issuedAt: '2026-11-25T10:59:00.000Z', issuedBy: 'staff-2' });
      expect(again).toEqual({ ...first, deduplicated: true });
      expect(store.all()).toHaveLength(2);
    });

    it('answers COMMAND_ID_REUSED for the same commandId with another payload', () => {
      const { headspring, store, streamId } = open();
      const command = tabCommand('AddCharge', { amount: 5 }, { streamId });
      headspring.execute(command);
      expect(() => headspring.execute({ ...command, payload: { amount: 6 } })).toThrowError(
        expect.objectContaining({ code: 'COMMAND_ID_REUSED' }),
      );
      expect(() => headspring.execute({ ...command, streamId: 'another' })).toThrowError(
        expect.objectContaining({ code: 'COMMAND_ID_REUSED' }),
      );
      expect(store.all()).toHaveLength(2);
    });

    it('dedupes a stream-starting command retried without its stream id', () => {
      const { headspring } = tabKernel();
      const command = tabCommand('OpenTab', { name: 'Park' });
      const first = headspring.execute(command);
      expect(headspring.execute(command).streamId).toBe(first.streamId);
    });
  });

  describe('given another writer appends between rehydrate and append', () => {
    /** A store that lets a rival write land just before each of our first `clashes` appends. */
    const racingStore = (clashes: number, rivalEvent: { type: string; schemaVersion: number; data: unknown }) => {
      const inner = createInMemoryEventStore();
      let rivals = 0;
      const store: EventStore = {
        ...inner,
        append: (request) => {
          if (rivals < clashes && request.expectedVersion > 0) {
            rivals += 1;
            const head = inner.streamHead(request.streamId)?.version ?? 0;
            const last = inner.readStream(request.streamId, { afterVersion: head - 1 })[0];
            if (!last) throw new Error('test setup: no event to copy');
            inner.insertForeign([{ ...last, ...rivalEvent, eventId: `rival-${rivals}`, version: head + 1 }]);
          }
          inner.append(request);
        },
      };
      return { inner, store };
    };
    const charge = (amount: number) => ({ type: 'ChargeAdded', schemaVersion: 2, data: { amount } });

    it('re-runs the loop and appends after the rivals', () => {
      const { inner, store } = racingStore(2, charge(100));
      const { headspring } = tabKernel({ store });
      const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
      const result = headspring.execute(tabCommand('AddCharge', { amount: 5 }, { streamId }));
      expect(result.version).toBe(4);
      expect(inner.all().map((e) => [e.version, e.eventId])).toEqual([
        [1, 'evt-0002'],
        [2, 'rival-1'],
        [3, 'rival-2'],
        [4, 'evt-0005'],
      ]);
    });

    it('decides again on the new state', () => {
      const { inner, store } = racingStore(1, { type: 'PaymentTaken', schemaVersion: 1, data: { amount: 10, by: 'x' } });
      const { headspring } = tabKernel({ store });
      const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
      inner.insertForeign([{ ...(inner.all()[0] as EventEnvelope), ...charge(10), eventId: 'c', version: 2 }]);
      // Valid on the stale state (balance 10); the rival's payment makes it an overpayment.
      expect(() => headspring.execute(tabCommand('TakePayment', { amount: 10 }, { streamId }))).toThrowError(
        expect.objectContaining({ code: 'OVERPAID' }),
      );
      expect(inner.all()).toHaveLength(3);
    });

    it('gives up after the bounded number of attempts', () => {
      const { inner, store } = racingStore(10, charge(1));
      const { headspring } = tabKernel({ store, maxAttempts: 3 });
      const { streamId } = headspring.execute(tabCommand('OpenTab', { name: 'Kim' }));
      expect(() => headspring.execute(tabCommand('AddCharge', { amount: 1 }, { streamId }))).toThrowError(
        expect.objectContaining({ code: 'CONCURRENCY_RETRIES_EXHAUSTED' }),
      );
      expect(inner.all().filter((e) => e.type === 'ChargeAdded' && e.eventId.startsWith('evt'))).toEqual([]);
    });
  });

  it('lets errors other than a clash escape without retrying', () => {
    const inner = createInMemoryEventStore();
    let calls = 0;
    const store: EventStore = {
      ...inner,
      append: () => {
        calls += 1;
        throw new Error('disk full');
      },
    };
    const { headspring } = tabKernel({ store });
    expect(() => headspring.execute(tabCommand('OpenTab', { name: 'Kim' }))).toThrow('disk full');
    expect(calls).toBe(1);
  });
});
