import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staffedDesk } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDesk>>;
let desk: Desk | undefined;
afterEach(async () => {
  await desk?.close();
  desk = undefined;
});

describe('sync settings', () => {
  it('reports the real number of events waiting for HQ, and never claims a sync', async () => {
    desk = await staffedDesk();
    const first = await desk.call('sync.status', {});
    expect(first).toMatchObject({ state: 'not-configured', online: false, lastPushAt: null, lastPullAt: null, hqUrl: null, conflicts: 0 });
    expect(first.pending).toBeGreaterThan(0);
    await desk.signInAs(desk.staff.desk);
    await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } });
    expect((await desk.call('sync.status', {})).pending).toBe(first.pending + 1);
    expect(await desk.refuse('sync.now', {})).toMatchObject({ code: 'SYNC_NOT_CONFIGURED' });
    expect(await desk.refuse('sync.configure', { hqUrl: 'https://hq.example', token: 't'.repeat(40) })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stores the HQ address in the desk and the token only in the host`s secret store', async () => {
    desk = await staffedDesk();
    expect(await desk.refuse('sync.configure', { hqUrl: 'ftp://hq.example', token: 't'.repeat(40) })).toMatchObject({ code: 'VALIDATION' });
    expect(await desk.refuse('sync.configure', { hqUrl: 'https://hq.example', token: 'short' })).toMatchObject({ code: 'VALIDATION' });
    const token = 'secret-token-'.repeat(3);
    await desk.call('sync.configure', { hqUrl: 'https://hq.example/clinic', token });
    expect((await desk.call('sync.status', {})).hqUrl).toBe('https://hq.example/clinic');
    expect(desk.secrets.values.get('hq-token')).toBe(token);
    const file = fs.readFileSync(path.join(desk.dataDir, 'desk.db')).toString('latin1') + fs.readFileSync(path.join(desk.dataDir, 'desk.db-wal')).toString('latin1');
    expect(file).not.toContain(token);
    expect(file).toContain('https://hq.example/clinic');
    // HQ cannot be reached from here: sync.now tries at once, says so, and keeps every event.
    const pending = (await desk.call('sync.status', {})).pending;
    const tried = await desk.call('sync.now', {});
    expect(tried).toMatchObject({ state: 'offline', online: false, pending, tokenStorage: 'session', hqUrl: 'https://hq.example/clinic' });
    expect(tried.lastError).toMatch(/HQ unreachable/);
    expect((await desk.call('conflicts.list', {})).items).toEqual([]);
    expect(await desk.refuse('conflicts.resolve', { conflictId: desk.staff.desk, action: 'dismiss', reason: 'x' })).toMatchObject({
      code: 'CONFLICT_NOT_FOUND',
    });
  });
});
