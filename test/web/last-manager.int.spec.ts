/**
 * Issue 10 item 2: a clinic keeps an active manager. Over the browser host, the only active
 * manager cannot demote or deactivate themselves (LAST_ACTIVE_MANAGER, nothing changed); with a
 * second manager either may go. The desk counts the active managers in its staff read model and
 * says the count in the command; the staff decider refuses on it.
 */
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffedDeskOverHttp } from '../support/desk-over-http.js';
import { dumpDatabase, PIN } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDeskOverHttp>>;
let desk: Desk;

beforeEach(async () => {
  desk = await staffedDeskOverHttp();
}, 60_000);

afterEach(() => desk.close());

const demote = (staffId: string, role = 'desk', commandId?: string) =>
  desk.http.asScreen('command.execute', { type: 'ChangeStaffRole', streamId: staffId, payload: { role }, ...(commandId ? { commandId } : {}) });
const deactivate = (staffId: string, commandId?: string) =>
  desk.http.asScreen('command.execute', { type: 'DeactivateStaff', streamId: staffId, payload: { reason: '퇴사' }, ...(commandId ? { commandId } : {}) });

describe('the last active manager', () => {
  it('cannot demote or deactivate themselves: LAST_ACTIVE_MANAGER, and the clinic keeps its manager', async () => {
    const { manager } = desk.staff;
    const before = dumpDatabase(desk.dataDir);
    for (const answer of [await demote(manager), await demote(manager, 'doctor'), await deactivate(manager)]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'LAST_ACTIVE_MANAGER', message: expect.stringContaining('only active manager') } });
    }
    expect(dumpDatabase(desk.dataDir)).toBe(before);
    // still a manager: manager-only work goes on
    expect(await desk.http.asScreen('staff.register', { name: '오하늘', role: 'nurse', pin: PIN })).toMatchObject({ ok: true });
    expect(await desk.http.rpc('audit.query', { limit: 1 })).toMatchObject({ ok: true });
    expect(await desk.http.rpc('warnings.list', {})).toMatchObject({ ok: true, result: { items: [] } });
  });

  it('with a second manager, either may go; then the one left stays', async () => {
    const { manager } = desk.staff;
    const second = (await desk.call('staff.register', { name: '오하늘', role: 'manager', pin: PIN })).streamId;
    const commandId = v7();
    expect(await demote(second, 'counselor', commandId)).toMatchObject({ ok: true });
    // the same command again is the same command (the count it was first given is kept), not a second change
    expect(await demote(second, 'counselor', commandId)).toMatchObject({ ok: true, result: { version: 2 } });
    expect(await deactivate(manager)).toMatchObject({ ok: false, error: { code: 'LAST_ACTIVE_MANAGER' } });

    // the other way round: the second manager, made one again, lets the first one go
    expect(await desk.http.asScreen('command.execute', { type: 'ChangeStaffRole', streamId: second, payload: { role: 'manager' } })).toMatchObject({ ok: true });
    expect(await deactivate(manager)).toMatchObject({ ok: true });
    // deactivated, the first manager is signed out; the second one is now the last
    expect(await desk.http.rpc('desk.status', {})).toMatchObject({ ok: true, result: { session: null } });
    await desk.signInAs(second);
    expect(await deactivate(second)).toMatchObject({ ok: false, error: { code: 'LAST_ACTIVE_MANAGER' } });
    expect(await demote(second)).toMatchObject({ ok: false, error: { code: 'LAST_ACTIVE_MANAGER' } });
    // a manager demoting anyone else is unaffected
    expect(await demote(desk.staff.nurse)).toMatchObject({ ok: true });
  });

  it('cannot be given the count by a screen: the desk counts', async () => {
    const { manager } = desk.staff;
    const answer = await desk.http.asScreen('command.execute', { type: 'DeactivateStaff', streamId: manager, payload: { activeManagers: 2 } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^payload: .*activeManagers/) } });
  });
});
