/**
 * Issue 10 item 2, the way back: `npm run desk -- restore-manager` on a desk's machine makes a
 * staff member an active manager again when the clinic has none. It is refused while the desk app
 * holds the data folder, for a clinic that has an active manager, for a folder without desk data
 * and for bad arguments; it is recorded as the desk (device:<installationId>), with its reason, in
 * the audit trail, and waits to be synced like any event. The clinic here lost its manager as a
 * build before the rule could let it (the last manager deactivated themselves).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { createHeadspring } from '../../shared/eventsourcing/index.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { openDeskStore } from '../../src-main/core/store/desk-store.js';
import { runNpmScript, runTs } from '../support/child-process.js';
import { dumpDatabase, openTestDesk, PIN, staffedDesk, type TestDesk } from '../support/desk-harness.js';
import { tempDir } from '../support/tab-desk.js';

let open: TestDesk | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

const deskCli = (args: readonly string[]) => runTs('src-main/cli/desk.ts', args);

/**
 * A clinic whose only manager deactivated themselves, as a build before the rule recorded it (its
 * command says nothing of the managers left): staff remain, none of them a manager.
 */
const clinicWithoutManager = async () => {
  const desk = await staffedDesk();
  const { staff, dataDir, clock } = desk;
  await desk.close();
  const store = openDeskStore({ dataDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: clock.now });
  try {
    const headspring = createHeadspring({ store: store.events, registry: clinicRegistry, ids: uuidV7, origin: { deviceId: store.installationId, appVersion: '0.0.9' } });
    headspring.execute({
      commandId: uuidV7.newId(),
      type: 'DeactivateStaff',
      streamId: staff.manager,
      payload: { reason: '퇴사' },
      schemaVersion: 1,
      issuedBy: staff.manager,
      issuedAt: clock.now().toISOString(),
    });
  } finally {
    store.close();
  }
  return { staff, dataDir, clock };
};

describe('npm run desk -- restore-manager', () => {
  it('restores a manager for a clinic left without one, as the desk, audited; refused while the desk app runs or a manager is active', async () => {
    const { staff, dataDir, clock } = await clinicWithoutManager();
    open = await openTestDesk({ dataDir, clock });
    await open.call('session.signIn', { staffId: staff.desk, pin: PIN });
    expect((await open.call('warnings.list', {})).items).toContainEqual({ kind: 'no-active-manager', staffCount: 6 });
    // nobody can manage the clinic: no manager signs in, and the first-manager path is closed
    expect(await open.refuse('session.signIn', { staffId: staff.manager, pin: PIN })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await open.call('desk.status', {})).firstManagerOpen).toBe(false);

    // the desk app holds the folder: refused, nothing changed
    const before = dumpDatabase(dataDir);
    const whileOpen = await deskCli(['restore-manager', '--data', dataDir, '--staff', staff.manager, '--reason', '관리자 복구']);
    expect({ code: whileOpen.code, stdout: whileOpen.stdout }).toEqual({ code: 1, stdout: '' });
    expect(whileOpen.stderr).toMatch(/^desk: .*in use.*close the desk app first\n$/s);
    expect(dumpDatabase(dataDir)).toBe(before);
    await open.close();
    open = undefined;

    const restored = await runNpmScript('desk', ['restore-manager', '--data', dataDir, '--staff', staff.manager, '--reason', '두 데스크에서 관리자가 모두 해제됨']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^Restored 김지현 \\(${staff.manager}\\) as an active manager, recorded as device:[0-9a-f-]{36}; `));

    // once is enough: the clinic has an active manager now
    const again = await deskCli(['restore-manager', '--data', dataDir, '--staff', staff.nurse, '--reason', '한 번 더']);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^desk: The clinic has 1 active manager/) });

    open = await openTestDesk({ dataDir, clock });
    await open.call('session.signIn', { staffId: staff.manager, pin: PIN });
    expect((await open.call('staff.list', {})).items.find((s) => s.staffId === staff.manager)).toMatchObject({ role: 'manager', active: true });
    expect((await open.call('warnings.list', {})).items.filter((w) => w.kind === 'no-active-manager')).toEqual([]);
    const entries = (await open.call('audit.query', { limit: 100 })).items.filter((item) => item.eventType === 'StaffRestoredAsManager');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      eventType: 'StaffRestoredAsManager',
      streamId: staff.manager,
      staffId: null,
      deviceId: open.core.installationId,
      summary: expect.stringContaining('두 데스크에서 관리자가 모두 해제됨'),
    });
    // it waits for sync like any event
    expect((await open.call('sync.status', {})).pending).toBeGreaterThan(0);
    // the restored manager manages again
    expect(await open.call('staff.register', { name: '오하늘', role: 'manager', pin: PIN })).toMatchObject({ streamId: expect.any(String) });
  }, 120_000);

  it('refuses bad arguments (exit 2), an unknown staff member and a folder without desk data (exit 1), changing nothing', async () => {
    const { staff, dataDir } = await clinicWithoutManager();
    const before = dumpDatabase(dataDir);
    for (const args of [
      ['restore-manager', '--data', dataDir, '--staff', staff.manager],
      ['restore-manager', '--data', dataDir, '--reason', '복구'],
      ['restore-manager', '--data', dataDir, '--staff', staff.manager.toUpperCase(), '--reason', '복구'],
      ['restore-manager', '--data', dataDir, '--staff', staff.manager, '--reason', '\u3164\u200b'],
      ['restore-manager', '--data', dataDir, '--staff', staff.manager, '--reason', '복구', 'extra'],
      ['restore-manager', '--data', dataDir, '--staff', staff.manager, '--reason', '복구', '--role', 'owner'],
      ['make-manager', '--data', dataDir],
      [],
    ]) {
      const result = await deskCli(args);
      expect({ args: args.join(' '), code: result.code, stdout: result.stdout }).toEqual({ args: args.join(' '), code: 2, stdout: '' });
      expect(result.stderr).toContain('usage: npm run desk -- <command>');
    }
    const unknown = await deskCli(['restore-manager', '--data', dataDir, '--staff', '0190a000-0000-7000-8000-00000000dead', '--reason', '복구']);
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 1, stderr: 'desk: No staff member 0190a000-0000-7000-8000-00000000dead on this desk\n' });
    expect(dumpDatabase(dataDir)).toBe(before);

    const empty = path.join(tempDir('no-desk'), 'nothing-here');
    const nothing = await deskCli(['restore-manager', '--data', empty, '--staff', staff.manager, '--reason', '복구']);
    expect({ code: nothing.code, stderr: nothing.stderr }).toEqual({ code: 1, stderr: `desk: no desk data in ${empty}\n` });
    expect(fs.existsSync(empty)).toBe(false);
  }, 120_000);
});
