/**
 * An operator checks, copies and mends HQ's SQLite file with the sqlite3 their system has (Debian
 * 12's is 3.40). Every index HQ's migrations make must be one that sqlite3 can evaluate: a partial
 * index naming a newer function (octet_length, 3.43) made `PRAGMA integrity_check`, `VACUUM INTO`
 * and any insert fail there ("no such function"). `.ci/run` installs Debian's sqlite3.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_EVENT_BYTES } from '../../src-server/log/large-event.js';
import { SQLITE_FILE } from '../../src-server/store/sqlite/open-sqlite.js';
import { openSqliteHqStore } from '../../src-server/store/sqlite/sqlite-hq-store.js';
import { addClinic, envelope, newStreamId, storePush } from '../support/hq-fixtures.js';
import { tempDir } from '../support/tab-desk.js';

const sqlite3 = (file: string, sql: string): string => {
  try {
    return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error("the system's sqlite3 is not installed: apt-get install sqlite3 (.ci/run does it)", { cause: error });
    throw error;
  }
};

describe("HQ's SQLite file in the system's sqlite3", () => {
  it('given events large and small, sqlite3 checks the file, copies it with VACUUM INTO and writes to it', async () => {
    const dataDir = tempDir('hq-sqlite-tools');
    const store = openSqliteHqStore(dataDir);
    try {
      const clinic = await addClinic(store);
      const device = await clinic.addDevice();
      const streamId = newStreamId();
      const events = [100, 2 * LARGE_EVENT_BYTES].map((bytes, index) =>
        envelope({ streamId, version: index + 1, installationId: device.installationId, data: { text: 'x'.repeat(bytes) } }),
      );
      const outcome = await store.push(storePush(clinic.tenantId, device, events));
      expect(outcome.kind === 'done' && outcome.results.map((result) => result.status)).toEqual(['accepted', 'accepted']);
    } finally {
      await store.close();
    }
    const file = path.join(dataDir, SQLITE_FILE);
    expect(sqlite3(file, 'PRAGMA integrity_check')).toBe('ok');
    const copy = path.join(tempDir('hq-sqlite-tools-copy'), 'copy.db');
    sqlite3(file, `VACUUM INTO '${copy}'`);
    expect(sqlite3(copy, 'SELECT count(*) FROM events')).toBe('2');
    // a mend by hand: the large event's data rewritten; the partial index is evaluated again
    sqlite3(copy, "UPDATE events SET data = '{}' WHERE server_position = 2");
    expect(sqlite3(copy, 'PRAGMA integrity_check')).toBe('ok');
    // the large event is in the index HQ's pages seek, under the expression they write
    expect(sqlite3(file, 'SELECT count(*) FROM events INDEXED BY events_large WHERE tenant_id IS NOT NULL AND length(CAST(data AS BLOB)) + length(CAST(meta AS BLOB)) > 8192')).toBe('1');
  });
});
