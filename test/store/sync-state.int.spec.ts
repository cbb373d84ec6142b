import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/eventsourcing/index.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { SyncDivergence } from '../../src-main/core/store/sqlite-event-store.js';
import { tabCmd } from '../support/tab-commands.js';
import { openTabDesk, tempDir, type TabDesk } from '../support/tab-desk.js';
import { dumpTabReadModels } from '../support/tab-projection.js';

const withDesk = <T>(fn: (desk: TabDesk, dataDir: string) => T, dataDir = tempDir('sync-state')): T => {
  const desk = openTabDesk(dataDir);
  try {
    return fn(desk, dataDir);
  } finally {
    desk.store.close();
  }
};

/** An event as another desk would have raised it, for the stream's next version. */
const remote = (base: EventEnvelope, version: number, over: Partial<EventEnvelope> = {}): EventEnvelope => ({
  ...base,
  eventId: crypto.randomUUID(),
  version,
  type: 'ChargeAdded',
  schemaVersion: 2,
  data: { amount: 100 },
  meta: { ...base.meta, commandId: crypto.randomUUID(), deviceId: 'other-desk' },
  ...over,
});

describe('sync state per event', () => {
  it('records new events as pending, in local order', () => {
    withDesk(({ headspring, store }) => {
      const { streamId } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
      headspring.execute(tabCmd('AddCharge', { amount: 5 }, streamId));
      expect(store.events.countPending()).toBe(2);
      expect(store.events.readPending(10).map((e) => [e.envelope.version, e.syncState, e.serverPosition])).toEqual([
        [1, 'pending', null],
        [2, 'pending', null],
      ]);
    });
  });

  it('marks pending events published with HQ`s position; a receipt for an event no longer pending changes nothing', () => {
    withDesk(({ headspring, store }) => {
      const { events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
      const [opened] = events as [EventEnvelope];
      expect(store.events.acknowledge([{ eventId: 'not-here', serverPosition: 42 }])).toBe(0);
      expect(store.events.countPending()).toBe(1);
      expect(store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 41, receivedAt: '2026-11-25T09:00:01.000Z' }])).toBe(1);
      expect(store.events.readAll(0, 10)[0]).toMatchObject({ syncState: 'published', serverPosition: 41 });
      expect(store.events.countPending()).toBe(0);
      // A late duplicate receipt (another position) does not move a published event.
      expect(store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 99 }])).toBe(0);
      expect(store.events.readAll(0, 10)[0]).toMatchObject({ serverPosition: 41 });
    });
  });

  it('counts pending events again after any change: asked twice it says the same; a set-aside, a rolled-back write and another desk`s event are seen', () => {
    withDesk(({ headspring, store }) => {
      const { streamId, events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
      headspring.execute(tabCmd('AddCharge', { amount: 5 }, streamId));
      expect(store.events.countPending()).toBe(2);
      expect(store.events.countPending()).toBe(2);
      expect(() =>
        store.events.transaction(() => {
          headspring.execute(tabCmd('AddCharge', { amount: 6 }, streamId));
          expect(store.events.countPending()).toBe(3);
          throw new Error('rolled back');
        }),
      ).toThrow('rolled back');
      expect(store.events.countPending()).toBe(2);
      const [opened] = events as [EventEnvelope];
      store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 1 }]);
      expect(store.events.countPending()).toBe(1);
      // HQ's v2 by another desk rebases the stream: the pending v2 is set aside, no longer pending
      store.events.applyPulled([{ envelope: remote(opened, 2), serverPosition: 2, receivedAt: '2026-11-25T09:00:02.000Z' }], () => undefined);
      expect(store.events.countPending()).toBe(0);
    });
  });

  it('counts pending events again after another connection wrote (a recovery tool on the desk`s machine)', () => {
    withDesk(({ headspring, store }, dataDir) => {
      headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
      expect(store.events.countPending()).toBe(1);
      const other = new Database(path.join(dataDir, DATABASE_FILE));
      try {
        other.prepare("UPDATE events SET sync_state = 'published', server_position = 1 WHERE sync_state = 'pending'").run();
      } finally {
        other.close();
      }
      expect(store.events.countPending()).toBe(0);
    });
  });

  describe('remote events', () => {
    it('go in as published and are projected; an event already here is only marked published', () => {
      withDesk(({ headspring, store }) => {
        const { streamId, events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
        const [opened] = events as [EventEnvelope];
        const charge = remote(opened, 2);
        let checkpoint = 0;
        const result = store.events.applyPulled(
          [
            { envelope: opened, serverPosition: 7, receivedAt: '2026-11-25T09:00:00.000Z' },
            { envelope: charge, serverPosition: 8, receivedAt: '2026-11-25T09:00:00.000Z' },
          ],
          () => void (checkpoint = 8),
        );
        expect(result).toMatchObject({ inserted: 1, published: 1, rebased: new Set() });
        expect(checkpoint).toBe(8);
        expect(store.events.readAll(0, 10).map((e) => [e.envelope.eventId, e.syncState, e.serverPosition])).toEqual([
          [opened.eventId, 'published', 7],
          [charge.eventId, 'published', 8],
        ]);
        expect(dumpTabReadModels(store.reader).totals).toMatchObject([{ stream_id: streamId, charged: 100 }]);
        expect(headspring.execute(tabCmd('AddCharge', { amount: 1 }, streamId)).version).toBe(3);
      });
    });

    it('this desk pushed and HQ acknowledged come back as they are, with HQ`s receive time', () => {
      withDesk(({ headspring, store }) => {
        const { events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
        const [opened] = events as [EventEnvelope];
        expect(store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 7 }])).toBe(1);
        const receivedAt = (): unknown => store.reader.prepare('SELECT received_at FROM events WHERE event_id = ?').pluck().get(opened.eventId);
        expect(receivedAt()).toBeNull();
        const back = [{ envelope: opened, serverPosition: 7, receivedAt: '2026-11-25T09:00:00.000Z' }];
        expect(store.events.applyPulled(back, () => undefined)).toMatchObject({ inserted: 0, published: 0 });
        expect(store.events.readAll(0, 10).map((e) => [e.envelope.eventId, e.syncState, e.serverPosition])).toEqual([[opened.eventId, 'published', 7]]);
        expect(receivedAt()).toBe('2026-11-25T09:00:00.000Z');
        // the same page again (a pull repeated after a lost answer) changes nothing
        expect(store.events.applyPulled(back, () => undefined)).toMatchObject({ inserted: 0, published: 0 });
        expect(receivedAt()).toBe('2026-11-25T09:00:00.000Z');
      });
    });

    it('that skip a version stop the page: nothing of it is stored, the checkpoint stays', () => {
      withDesk(({ headspring, store }) => {
        const { events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
        const other = headspring.execute(tabCmd('OpenTab', { name: 'Lee' })).events[0] as EventEnvelope;
        const before = store.events.readAll(0, 100);
        let checkpoint = 0;
        expect(() =>
          store.events.applyPulled(
            [
              { envelope: remote(other, 2), serverPosition: 1, receivedAt: '2026-11-25T09:00:00.000Z' },
              { envelope: remote(events[0] as EventEnvelope, 3), serverPosition: 2, receivedAt: '2026-11-25T09:00:00.000Z' },
            ],
            () => void (checkpoint = 2),
          ),
        ).toThrow(SyncDivergence);
        expect(store.events.readAll(0, 100)).toEqual(before);
        expect(checkpoint).toBe(0);
      });
    });

    it('of a type this build does not know are kept, and their stream refuses commands', () => {
      const dataDir = tempDir('unknown-event');
      const future = withDesk(({ headspring, store }) => {
        const { streamId, events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
        const split = remote(events[0] as EventEnvelope, 2, { type: 'TabSplit', schemaVersion: 1, data: { ways: 3, note: '반반' } });
        store.events.applyPulled([{ envelope: split, serverPosition: 1, receivedAt: '2026-11-25T09:00:00.000Z' }], () => undefined);
        expect(store.events.needsUpgrade(streamId)).toBe(true);
        expect(() => headspring.execute(tabCmd('AddCharge', { amount: 1 }, streamId))).toThrowError(
          expect.objectContaining({ code: 'STREAM_NEEDS_UPGRADE' }),
        );
        return { streamId, split };
      }, dataDir);
      withDesk(({ store }) => {
        expect(store.events.readStream(future.streamId)[1]).toEqual(future.split);
        expect(dumpTabReadModels(store.reader).activity).toContainEqual(
          expect.objectContaining({ event_id: future.split.eventId, type: 'TabSplit', known: 0 }),
        );
      }, dataDir);
    });
  });

  describe('setting pending events aside (first half of a rebase)', () => {
    it('moves them out, resets the stream to its published version, and lets remote events and re-runs follow', () => {
      withDesk(({ headspring, store }) => {
        const { streamId, events } = headspring.execute(tabCmd('OpenTab', { name: 'Kim' }));
        const [opened] = events as [EventEnvelope];
        store.events.acknowledge([{ eventId: opened.eventId, serverPosition: 1 }]);
        const charge = headspring.execute(tabCmd('AddCharge', { amount: 5 }, streamId));
        const pay = headspring.execute(tabCmd('TakePayment', { amount: 5 }, streamId));
        const localIds = [...charge.events, ...pay.events].map((e) => e.eventId);

        const commands = store.events.setAsidePending(streamId);
        expect(commands.map((c) => c.type)).toEqual(['AddCharge', 'TakePayment']);
        expect(store.events.readStream(streamId)).toEqual([opened]);
        expect(store.events.streamHead(streamId)?.version).toBe(1);
        expect(store.events.findCommand(commands[0]?.commandId ?? '')?.outcome.status).toBe('set-aside');
        expect(
          store.reader.prepare("SELECT event_id FROM events WHERE sync_state = 'set-aside' ORDER BY position").pluck().all(),
        ).toEqual(localIds);
        expect(store.events.readAll(0, 10).map((e) => e.envelope)).toEqual([opened]);
        expect(store.events.countPending()).toBe(0);
        expect(dumpTabReadModels(store.reader).totals).toMatchObject([{ charged: 0, paid: 0 }]);

        // HQ's version 2 goes in; the set-aside commands re-run on top with new event ids.
        store.events.applyPulled([{ envelope: remote(opened, 2), serverPosition: 2, receivedAt: '2026-11-25T10:00:00.000Z' }], () => undefined);
        const rerun = commands.map((command) => headspring.reexecute(command));
        expect(rerun.map((r) => r.version)).toEqual([3, 4]);
        expect(rerun.flatMap((r) => r.events.map((e) => e.eventId)).some((id) => localIds.includes(id))).toBe(false);
        expect(store.events.findCommand(commands[1]?.commandId ?? '')?.outcome).toEqual({
          status: 'done',
          streamId,
          fromVersion: 4,
          toVersion: 4,
        });
        const inline = dumpTabReadModels(store.reader);
        expect(inline.totals).toMatchObject([{ charged: 105, paid: 5 }]);
        store.events.projections.rebuildAll();
        expect(dumpTabReadModels(store.reader)).toEqual(inline);
      });
    });
  });
});
