import { openSyncJournal } from '../../src-main/core/sync/sync-journal.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/eventsourcing/index.js';
import { DataFolderInUseError } from '../../src-node/data-folder-lock.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import type { Projection } from '../../src-main/core/store/projection.js';
import { migrate } from '../../src-node/sqlite/migrate.js';
import { MIGRATIONS } from '../../src-main/core/store/migrations/index.js';
import { openWritable } from '../../src-node/sqlite/database.js';
import { runTs } from '../support/child-process.js';
import { tabCmd } from '../support/tab-commands.js';
import { openTabDesk, tabRegistry, tempDir, type TabDesk } from '../support/tab-desk.js';
import { dumpTabReadModels, tabProjection } from '../support/tab-projection.js';

/** A few tabs in different states, written through the Headspring. */
const seedTabs = ({ headspring }: TabDesk): string[] => {
  const ids: string[] = [];
  for (const name of ['Kim', 'Lee', 'Park']) {
    const { streamId } = headspring.execute(tabCmd('OpenTab', { name }));
    headspring.execute(tabCmd('AddCharge', { amount: 30 }, streamId));
    headspring.execute(tabCmd('TakePayment', { amount: 10 }, streamId));
    ids.push(streamId);
  }
  headspring.execute(tabCmd('TakePayment', { amount: 20 }, ids[0]));
  headspring.execute(tabCmd('CloseTab', {}, ids[0]));
  return ids;
};

const withDesk = <T>(dataDir: string, fn: (desk: TabDesk) => T): T => {
  const desk = openTabDesk(dataDir);
  try {
    return fn(desk);
  } finally {
    desk.store.close();
  }
};

describe('desk store', () => {
  it('returns identical streams, log and read models after reopening', () => {
    const dataDir = tempDir();
    const before = withDesk(dataDir, (desk) => {
      const ids = seedTabs(desk);
      return {
        ids,
        streams: ids.map((id) => desk.store.events.readStream(id)),
        log: desk.store.events.readAll(0, 1000),
        models: dumpTabReadModels(desk.store.reader),
        installationId: desk.store.installationId,
      };
    });
    withDesk(dataDir, (desk) => {
      expect(before.ids.map((id) => desk.store.events.readStream(id))).toEqual(before.streams);
      expect(desk.store.events.readAll(0, 1000)).toEqual(before.log);
      expect(dumpTabReadModels(desk.store.reader)).toEqual(before.models);
      expect(desk.store.installationId).toBe(before.installationId);
      expect(desk.store.events.projections.rebuiltOnOpen).toEqual([]);
    });
  });

  it('keeps durability FULL and WAL on the writer, checkpointed every 4,000 pages', () => {
    withDesk(tempDir(), ({ store }) => {
      expect(store.writer.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.writer.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.writer.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    });
  });

  it('gives queries a connection that cannot write', () => {
    withDesk(tempDir(), ({ store }) => {
      expect(() => store.reader.prepare('DELETE FROM events').run()).toThrow(/readonly/);
    });
  });

  describe('schema', () => {
    it('matches the recorded schema', () => {
      withDesk(tempDir(), ({ store }) => {
        const schema = store.reader
          .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
          .all();
        expect(schema).toMatchSnapshot();
        expect(store.reader.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      });
    });

    it('migrates a database written by the first release, keeping its events', () => {
      const dataDir = tempDir();
      const db = openWritable(path.join(dataDir, DATABASE_FILE));
      migrate(db, MIGRATIONS.slice(0, 1), 'clinic-desk');
      const opened = {
        eventId: '0190a000-0000-7000-8000-000000000e01',
        streamType: 'tab',
        streamId: 'old-tab',
        version: 1,
        type: 'TabOpened',
        schemaVersion: 1,
        data: { name: 'Choi', openedAt: '2026-01-02T03:04:05.000Z' },
        meta: {
          commandId: '0190a000-0000-7000-8000-000000000c01',
          processId: '0190a000-0000-7000-8000-000000000c01',
          initiator: 'staff-1',
          predecessorId: '0190a000-0000-7000-8000-000000000c01',
          deviceId: '0190a000-0000-7000-8000-000000000d01',
          raisedAt: '2026-01-02T03:04:05.000Z',
          appVersion: '0.0.1',
        },
      } satisfies EventEnvelope;
      db.prepare(
        `INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, data, meta, command_id, raised_at)
         VALUES (?, 'old-tab', 'tab', 1, 'TabOpened', 1, ?, ?, ?, ?)`,
      ).run(opened.eventId, JSON.stringify(opened.data), JSON.stringify(opened.meta), opened.meta.commandId, opened.meta.raisedAt);
      db.prepare("INSERT INTO store_meta (key, value) VALUES ('installation_id', 'old-installation')").run();
      db.close();

      withDesk(dataDir, ({ store, headspring }) => {
        expect(store.reader.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        expect(store.installationId).toBe('old-installation');
        expect(store.events.readStream('old-tab')).toEqual([opened]);
        expect(store.events.countPending()).toBe(1);
        expect(store.events.projections.rebuiltOnOpen).toEqual(['tab-totals']);
        expect(dumpTabReadModels(store.reader).totals).toEqual([
          { stream_id: 'old-tab', name: 'Choi', charged: 0, paid: 0, status: 'open', anomalies: 0 },
        ]);
        expect(headspring.execute(tabCmd('AddCharge', { amount: 5 }, 'old-tab')).version).toBe(2);
      });
    });

    it('refuses a database from a newer app with a clear error and leaves it untouched', () => {
      const dataDir = tempDir();
      withDesk(dataDir, seedTabs);
      const file = path.join(dataDir, DATABASE_FILE);
      // As a newer app might leave it: not in WAL mode, so switching to WAL would change its header.
      const raw = new Database(file);
      raw.pragma('journal_mode = DELETE');
      raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
      raw.close();
      const bytes = fs.readFileSync(file);
      expect(() => openTabDesk(dataDir)).toThrow(/written by a newer clinic-desk .*Nothing was changed/);
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      // and the refusal released the folder lock
      const again = new Database(file);
      again.pragma(`user_version = ${MIGRATIONS.length}`);
      again.close();
      withDesk(dataDir, ({ store }) => expect(store.events.lastPosition()).toBeGreaterThan(0));
    });
  });

  describe('data folder lock', () => {
    it('refuses a second open in this process and in another process, until closed', async () => {
      const dataDir = tempDir();
      const desk = openTabDesk(dataDir);
      try {
        expect(() => openTabDesk(dataDir)).toThrow(DataFolderInUseError);
        const child = await runTs('test/support/open-data-folder.ts', [dataDir]);
        expect(child.stdout).toMatch(/^refused: The data folder .* is in use by another clinic-desk process/);
      } finally {
        desk.store.close();
      }
      const child = await runTs('test/support/open-data-folder.ts', [dataDir]);
      expect(child.stdout).toBe('opened');
    });
  });

  describe('read models', () => {
    it('re-projecting each stream gives what inline projection and a full rebuild give', () => {
      withDesk(tempDir(), (desk) => {
        const ids = seedTabs(desk);
        const inline = dumpTabReadModels(desk.store.reader);
        desk.store.events.transaction(() => ids.forEach((id) => desk.store.events.projections.reprojectStream(id)));
        expect(dumpTabReadModels(desk.store.reader)).toEqual(inline);
        desk.store.events.projections.rebuildAll();
        expect(dumpTabReadModels(desk.store.reader)).toEqual(inline);
      });
    });

    it('redoes a rebuild that a crash interrupted, instead of trusting a half-built read model', () => {
      const dataDir = tempDir();
      const inline = withDesk(dataDir, (desk) => {
        seedTabs(desk);
        return dumpTabReadModels(desk.store.reader);
      });
      const open = (projection: Projection) =>
        openDeskStore({ dataDir, registry: tabRegistry, projections: [projection], ids: uuidV7, now: () => new Date() });
      let applied = 0;
      const crashing: Projection = {
        ...tabProjection,
        version: 2,
        bind: (db) => {
          const bound = tabProjection.bind(db);
          return {
            ...bound,
            apply: (event) => {
              // From the fifth event on, as a process that died there would (applied alone too: not an event it cannot apply).
              if (++applied >= 5) throw new Error('power cut during the rebuild');
              bound.apply(event);
            },
          };
        },
      };
      expect(() => open(crashing)).toThrow(/power cut/);
      const store = open({ ...tabProjection, version: 2 });
      try {
        expect(store.events.projections.rebuiltOnOpen).toEqual(['tab-totals']);
        expect(dumpTabReadModels(store.reader)).toEqual(inline);
      } finally {
        store.close();
      }
    });

    it('rebuilds a read model whose version changed', () => {
      const dataDir = tempDir();
      const inline = withDesk(dataDir, (desk) => {
        seedTabs(desk);
        return dumpTabReadModels(desk.store.reader);
      });
      const raw = new Database(path.join(dataDir, DATABASE_FILE));
      raw.prepare("UPDATE projection_state SET version = 0 WHERE name = 'tab-totals'").run();
      raw.prepare('DELETE FROM tab_totals').run();
      raw.close();
      withDesk(dataDir, ({ store }) => {
        expect(store.events.projections.rebuiltOnOpen).toEqual(['tab-totals']);
        expect(dumpTabReadModels(store.reader)).toEqual(inline);
      });
    });
  });

  describe('backup', () => {
    it('copies a running store; the restored copy is a new installation that must pull first', async () => {
      const dataDir = tempDir();
      const desk = openTabDesk(dataDir);
      let log: unknown;
      try {
        seedTabs(desk);
        log = desk.store.events.readAll(0, 1000);
        const restoredDir = tempDir('restored');
        await desk.store.backup(path.join(restoredDir, DATABASE_FILE));
        expect(fs.readdirSync(restoredDir)).toEqual([DATABASE_FILE]);
        withDesk(restoredDir, ({ store }) => {
          expect(store.installationId).not.toBe(desk.store.installationId);
          expect(openSyncJournal(store.writer).needsFullPull()).toBe(true);
          expect(store.events.readAll(0, 1000)).toEqual(log);
        });
      } finally {
        desk.store.close();
      }
      withDesk(dataDir, ({ store }) => expect(openSyncJournal(store.writer).needsFullPull()).toBe(false));
    });
  });
});
