/**
 * Deferred read models (ProjectionSet.defer, a joining desk's long catch-up): while deferred they
 * follow no event; built in slices they equal a rebuild; a store opened while they are deferred
 * (a desk closed or killed half-way) rebuilds them, in one transaction, as for a changed version.
 */
import { describe, expect, it } from 'vitest';
import type { Projection } from '../../src-main/core/store/projection.js';
import { openTabDesk, recordTab, tabRegistry, tempDir } from '../support/tab-desk.js';
import { picky, tabAndPickyRows, thirteenIn } from '../support/tab-picky.js';
import { dumpTabReadModels, tabProjection } from '../support/tab-projection.js';

const deferrableTabs: Projection = { ...tabProjection, deferrable: true };

const openDesk = (dataDir: string, projections: readonly Projection[] = [deferrableTabs]) => {
  const { store, headspring } = openTabDesk(dataDir, 'FULL', tabRegistry, projections);
  return { store, tab: (n: number): void => recordTab(headspring, n) };
};

describe('deferred read models', () => {
  it('given deferred read models, when events are stored, then they follow none; built in slices, they equal a rebuild and follow again', async () => {
    const desk = openDesk(tempDir('deferred'));
    try {
      expect(desk.store.events.projections.defer()).toEqual(['tab-totals']);
      for (let n = 0; n < 12; n++) desk.tab(n);
      expect(dumpTabReadModels(desk.store.reader)).toEqual({ totals: [], activity: [] });

      let pauses = 0;
      const progress: number[] = [];
      const built = await desk.store.events.projections.buildDeferred({
        slice: 7,
        between: () => {
          pauses += 1;
          return Promise.resolve(true);
        },
        onProgress: (done) => progress.push(done),
      });
      expect(built).toBe(true);
      expect(pauses).toBeGreaterThan(5);
      expect(progress.at(-1)).toBe(desk.store.events.lastPosition());
      expect(desk.store.events.projections.deferred()).toEqual([]);
      const afterBuild = dumpTabReadModels(desk.store.reader);
      desk.store.events.projections.rebuildAll();
      expect(dumpTabReadModels(desk.store.reader)).toEqual(afterBuild);

      desk.tab(3);
      expect(dumpTabReadModels(desk.store.reader).totals).toHaveLength(13);
    } finally {
      desk.store.close();
    }
  });

  it('given only some read models deferred, the others follow every event meanwhile', () => {
    /** Every event seen, the way staff and clinic settings keep following a joining desk's pages. */
    const seen: Projection = {
      name: 'tab-seen',
      version: 1,
      tables: ['tab_seen'],
      schema: 'CREATE TABLE tab_seen (event_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;',
      bind: (db) => {
        const insert = db.prepare('INSERT INTO tab_seen (event_id) VALUES (?)');
        return { apply: (read) => void insert.run(read.envelope.eventId), resetStream: () => undefined };
      },
    };
    const desk = openDesk(tempDir('deferred-some'), [deferrableTabs, seen]);
    try {
      expect(desk.store.events.projections.defer()).toEqual(['tab-totals']);
      for (let n = 0; n < 4; n++) desk.tab(n);
      expect(desk.store.reader.prepare('SELECT count(*) FROM tab_seen').pluck().get()).toBe(desk.store.events.lastPosition());
      expect(dumpTabReadModels(desk.store.reader).totals).toEqual([]);
    } finally {
      desk.store.close();
    }
  });

  it('given a desk closed while its read models were deferred or half built, when it opens, then they are rebuilt and equal a rebuild', async () => {
    for (const stopAfter of [0, 2]) {
      const dataDir = tempDir('deferred-closed');
      const desk = openDesk(dataDir);
      try {
        desk.store.events.projections.defer();
        for (let n = 0; n < 10; n++) desk.tab(n);
        let pauses = 0;
        const built = await desk.store.events.projections.buildDeferred({ slice: 5, between: () => Promise.resolve(++pauses <= stopAfter) });
        expect(built).toBe(false);
        expect(desk.store.events.projections.deferred()).toEqual(['tab-totals']);
      } finally {
        desk.store.close();
      }
      const again = openDesk(dataDir);
      try {
        expect(again.store.events.projections.rebuiltOnOpen).toEqual(['tab-totals']);
        expect(again.store.events.projections.deferred()).toEqual([]);
        const opened = dumpTabReadModels(again.store.reader);
        expect(opened.totals).toHaveLength(10);
        again.store.events.projections.rebuildAll();
        expect(dumpTabReadModels(again.store.reader)).toEqual(opened);
      } finally {
        again.store.close();
      }
      // Recorded current by that open: the next one rebuilds nothing.
      const third = openDesk(dataDir);
      expect(third.store.events.projections.rebuiltOnOpen).toEqual([]);
      third.store.close();
    }
  });
  const thirteen = (desk: ReturnType<typeof openDesk>) => thirteenIn(desk.store.reader);
  const everything = (desk: ReturnType<typeof openDesk>) => tabAndPickyRows(desk.store.reader);

  it('given an event a deferred read model cannot apply, when it is built, then the event is kept as unreadable, seen as unknown by every read model, equal to a rebuild', async () => {
    const desk = openDesk(tempDir('deferred-unreadable'), [tabProjection, picky]);
    try {
      expect(desk.store.events.projections.defer()).toEqual(['tab-picky']);
      for (let n = 10; n < 14; n++) desk.tab(n);
      expect(await desk.store.events.projections.buildDeferred({ slice: 7, between: () => Promise.resolve(true) })).toBe(true);
      expect(thirteen(desk)).toEqual({ unreadable: 1, totals: 0, picky: 0 });
      const built = everything(desk);
      desk.store.events.projections.rebuildAll();
      expect(everything(desk)).toEqual(built);
    } finally {
      desk.store.close();
    }
  });

  it('given an event a deferred read model cannot apply pages into a slice, when the slice is built again carefully, then the progress shown never goes back', async () => {
    const desk = openDesk(tempDir('deferred-unreadable-progress'), [tabProjection, picky]);
    try {
      desk.store.events.projections.defer();
      // 2,100 events with no charge of 13, then the tab that has one: the third page of the slice
      for (let n = 0; n < 150; n++) desk.tab(12);
      desk.tab(13);
      const progress: number[] = [];
      expect(await desk.store.events.projections.buildDeferred({ slice: 5_000, between: () => Promise.resolve(true), onProgress: (done) => progress.push(done) })).toBe(true);
      expect(thirteen(desk)).toEqual({ unreadable: 1, totals: 0, picky: 0 });
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(desk.store.events.lastPosition());
    } finally {
      desk.store.close();
    }
  });

  it('given a desk closed while deferred with an event a read model cannot apply in its log, when it opens, then the event is kept as unreadable and the rebuild equals a rebuild', () => {
    const dataDir = tempDir('deferred-unreadable-closed');
    const desk = openDesk(dataDir, [tabProjection, picky]);
    try {
      desk.store.events.projections.defer();
      for (let n = 10; n < 14; n++) desk.tab(n);
    } finally {
      desk.store.close();
    }
    const again = openDesk(dataDir, [tabProjection, picky]);
    try {
      expect(again.store.events.projections.rebuiltOnOpen).toEqual(['tab-picky']);
      expect(thirteen(again)).toEqual({ unreadable: 1, totals: 0, picky: 0 });
      const opened = everything(again);
      again.store.events.projections.rebuildAll();
      expect(everything(again)).toEqual(opened);
    } finally {
      again.store.close();
    }
  });
});
