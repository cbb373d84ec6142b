/**
 * A joining desk builds its deferred read models on a thread of their own while it still pulls
 * (store/deferred-build-thread.ts, issue 14's goal 7): into a scratch file beside its database,
 * which it copies in once the log is whole. Also when the thread cannot start (it builds them
 * itself at the end), and with the thread's code as the Electron app ships it (the bundle the
 * deferredBuild environment of vite.config.ts makes).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFERRED_BUILD_FILE } from '../../src-main/core/store/deferred-build-thread.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { historyOn, JOINING, recordedVersions, screens, signInWhenStaffArrive, slowJoiner, untilPhase } from '../support/joining-desk.js';
import { eventually, inSync, startSyncClinic, type SyncClinic, type SyncDesk } from '../support/sync-clinic.js';
import { readModelsAndRebuild } from '../support/sync-scenarios.js';
import { tempDir } from '../support/tab-desk.js';
import { buildEnvironment, repoScratchDir } from '../support/vite-environment.js';

const CATCH_UP_MS = 30_000;
/** Audit rows beyond what the first pages of the pull hold (JOINING's pages of 25 events). */
const BEYOND_FIRST_PAGES = 3 * (JOINING.loadingPageSize ?? 25);

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/** Rows of the audit trail in a database file (0 when the file or the table is not there yet). */
const auditRowsIn = (file: string): number => {
  if (!fs.existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'read_audit'").get();
    return table ? (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM read_audit').get()?.n ?? 0) : 0;
  } finally {
    db.close();
  }
};

/** C has caught up with A: its read models equal a rebuild and show what A's do, and no scratch file is left behind. */
const expectJoined = async (live: SyncClinic, c: SyncDesk, a: SyncDesk, day: Awaited<ReturnType<typeof historyOn>>['day']): Promise<void> => {
  await inSync(live, [c, a], CATCH_UP_MS);
  expect(Object.entries(recordedVersions(c)).filter(([, version]) => version < 0)).toEqual([]);
  // the thread removes it once it has checkpointed the desk's WAL, after the desk took the tables
  await eventually(() => !fs.existsSync(path.join(c.dataDir, DEFERRED_BUILD_FILE)), 10_000, 'the scratch file removed');
  const { live: readModels, rebuilt } = await readModelsAndRebuild(c);
  expect(readModels).toEqual(rebuilt);
  expect(await screens(c, day)).toEqual(await screens(a, day));
};

describe('a joining desk`s read models built on a thread of their own', () => {
  it('fill a scratch file while the desk still pulls, and are copied into its database once the log is whole', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const { a, day } = await historyOn(clinic);
    const c = await slowJoiner(clinic, 'C');
    await signInWhenStaffArrive(c, day);
    const scratch = path.join(c.dataDir, DEFERRED_BUILD_FILE);
    // More than the thread found when it started (a page or two): it reads on as each page is stored.
    await untilPhase(c, 'pulling', () => auditRowsIn(scratch) > BEYOND_FIRST_PAGES);
    // Built alongside: the pull is not over, and the desk's own tables wait for the whole build.
    expect((await c.call('sync.status', {})).catchUp?.phase).toBe('pulling');
    expect(auditRowsIn(path.join(c.dataDir, DATABASE_FILE))).toBe(0);
    expect((await c.call('patients.search', { q: '환자' })).items).toEqual([]);
    await expectJoined(clinic, c, a, day);
  });

  it('when the thread cannot start, the desk builds them itself once the log is whole', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const { a, day } = await historyOn(clinic);
    const c = await slowJoiner(clinic, 'C', { deferredBuildEntry: path.join(tempDir('no-thread'), 'deferred-build.cjs') });
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'building');
    expect(fs.existsSync(path.join(c.dataDir, DEFERRED_BUILD_FILE))).toBe(false);
    await expectJoined(clinic, c, a, day);
  });

  describe('with the thread as the Electron app ships it (out/deferred-build/deferred-build.cjs)', () => {
    let root: string;
    let entry: string;
    beforeAll(async () => {
      root = repoScratchDir('deferred-build');
      await buildEnvironment('deferredBuild', root);
      entry = path.join(root, 'deferred-build.cjs');
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('is one file that requires only better-sqlite3 and Node built-ins', () => {
      expect(fs.readdirSync(root).filter((file) => !file.endsWith('.map'))).toEqual(['deferred-build.cjs']);
      const code = fs.readFileSync(entry, 'utf8');
      const requires = new Set([...code.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1] ?? ''));
      expect([...requires].filter((name) => name !== 'better-sqlite3' && !name.startsWith('node:'))).toEqual([]);
      expect(requires).toContain('better-sqlite3');
    });

    it('builds them while the desk pulls, and the desk takes them', async () => {
      clinic = await startSyncClinic({ timing: JOINING });
      const { a, day } = await historyOn(clinic);
      const c = await slowJoiner(clinic, 'C', { deferredBuildEntry: entry });
      await signInWhenStaffArrive(c, day);
      await untilPhase(c, 'pulling', () => auditRowsIn(path.join(c.dataDir, DEFERRED_BUILD_FILE)) > BEYOND_FIRST_PAGES);
      await expectJoined(clinic, c, a, day);
    });
  });
});
