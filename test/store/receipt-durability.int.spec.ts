/**
 * HQ's receipts commit without an fsync of their own (a lost receipt only sends its event again),
 * and the desk's writer is back at FULL for everything after them, whatever happens inside.
 */
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/eventsourcing/index.js';
import { tabCmd } from '../support/tab-commands.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';

const FULL = 2;
const NORMAL = 1;

describe('receipts', () => {
  it('commit with synchronous NORMAL, run `inside` in their transaction, and leave the writer at FULL', () => {
    const desk = openTabDesk(tempDir('receipt-durability'));
    try {
      const { store, headspring } = desk;
      const [opened] = headspring.execute(tabCmd('OpenTab', { name: 'Kim' })).events as [EventEnvelope];
      let seen: { level: unknown; inTransaction: boolean } | undefined;
      const changed = store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 5 }], () => {
        seen = { level: store.writer.pragma('synchronous', { simple: true }), inTransaction: store.writer.inTransaction };
      });
      expect(changed).toBe(1);
      expect(seen).toEqual({ level: NORMAL, inTransaction: true });
      expect(store.writer.pragma('synchronous', { simple: true })).toBe(FULL);
      expect(store.events.countPending()).toBe(0);

      // a failure inside rolls the receipts back and still leaves FULL
      const [charged] = headspring.execute(tabCmd('AddCharge', { amount: 3 }, opened.streamId)).events as [EventEnvelope];
      expect(() =>
        store.events.acknowledge([{ eventId: charged.eventId, serverPosition: 6 }], () => {
          throw new Error('journal write failed');
        }),
      ).toThrow('journal write failed');
      expect(store.writer.pragma('synchronous', { simple: true })).toBe(FULL);
      expect(store.events.countPending()).toBe(1);

      // inside a caller's transaction it is part of that one, at the caller's durability
      store.events.transaction(() => {
        store.events.acknowledge([{ eventId: charged.eventId, serverPosition: 6 }], () => {
          expect(store.writer.pragma('synchronous', { simple: true })).toBe(FULL);
        });
      });
      expect(store.events.countPending()).toBe(0);
    } finally {
      desk.store.close();
    }
  });

  it('keeps a desk opened at NORMAL at NORMAL', () => {
    const desk = openTabDesk(tempDir('receipt-durability'), 'NORMAL');
    try {
      const [opened] = desk.headspring.execute(tabCmd('OpenTab', { name: 'Lee' })).events as [EventEnvelope];
      desk.store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 1 }]);
      expect(desk.store.writer.pragma('synchronous', { simple: true })).toBe(NORMAL);
    } finally {
      desk.store.close();
    }
  });
});
