import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { openTestDesk, PIN, staffedDesk, testClock, type TestDesk } from '../support/desk-harness.js';

let open: TestDesk[] = [];
const track = <T extends TestDesk>(desk: T): T => {
  open.push(desk);
  return desk;
};
afterEach(async () => {
  await Promise.all(open.map((desk) => desk.close()));
  open = [];
});

describe('the first manager', () => {
  it('can be registered without sign-in only while the clinic has no staff, and only as a manager', async () => {
    const desk = track(await openTestDesk());
    expect((await desk.call('desk.status', {})).firstManagerOpen).toBe(true);
    expect(await desk.refuse('staff.register', { name: '이수진', role: 'desk', pin: PIN })).toMatchObject({ code: 'FORBIDDEN' });
    const { streamId } = await desk.call('staff.register', { name: '김지현', role: 'manager', pin: PIN });
    const status = await desk.call('desk.status', {});
    expect(status).toMatchObject({ firstManagerOpen: false, staffCount: 1, session: null });
    expect(await desk.refuse('staff.register', { name: '박서연', role: 'manager', pin: PIN })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    const audit = await (async () => {
      await desk.call('session.signIn', { staffId: streamId, pin: PIN });
      return desk.call('audit.query', { limit: 10 });
    })();
    expect(audit.items[0]).toMatchObject({ eventType: 'StaffRegistered', staffId: null, deviceId: desk.core.installationId });
  });

  it('lets only one of two first managers sent at once in', async () => {
    const desk = track(await openTestDesk());
    const [a, b] = await Promise.all([
      desk.core.invoke('staff.register', { name: '김지현', role: 'manager', pin: PIN }),
      desk.core.invoke('staff.register', { name: '김지현', role: 'manager', pin: PIN }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((await desk.call('staff.list', {})).items).toHaveLength(1);
  });

  it('waits for the first pull on a desk connected to HQ', async () => {
    const desk = track(await openTestDesk());
    const db = new Database(path.join(desk.dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('hq_url', 'https://hq.example')").run();
    db.close();
    expect((await desk.call('desk.status', {})).firstManagerOpen).toBe(false);
    expect(await desk.refuse('staff.register', { name: '김지현', role: 'manager', pin: PIN })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await desk.call('staff.list', {})).items).toEqual([]);
  });
});

describe('sign-in', () => {
  it('keeps PINs only as a salted slow hash, never in a command or a result', async () => {
    const desk = track(await staffedDesk());
    const db = new Database(path.join(desk.dataDir, DATABASE_FILE), { readonly: true });
    const events = JSON.stringify(db.prepare('SELECT data FROM events').all());
    const commands = JSON.stringify(db.prepare('SELECT command FROM commands').all());
    db.close();
    expect(events + commands).not.toContain(`"${PIN}"`);
    const salts = events.match(/scrypt\$16384\$8\$1\$[^$"\\]+\$/g) ?? [];
    expect(salts).toHaveLength(6);
    expect(new Set(salts).size).toBe(salts.length); // six staff, six salts
    expect(JSON.stringify(await desk.call('staff.list', {}))).not.toContain('scrypt');
  });

  it('locks a staff member on this desk for 5 minutes after 5 wrong PINs, across a restart', async () => {
    const clock = testClock();
    const desk = await staffedDesk({ clock });
    const { staff, dataDir } = desk;
    await desk.call('session.signOut', {});
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await desk.refuse('session.signIn', { staffId: staff.nurse, pin: '9999' })).toMatchObject({ code: 'PIN_INCORRECT' });
    }
    expect(await desk.refuse('session.signIn', { staffId: staff.nurse, pin: '9999' })).toMatchObject({ code: 'PIN_LOCKED' });
    expect(await desk.refuse('session.signIn', { staffId: staff.nurse, pin: PIN })).toMatchObject({ code: 'PIN_LOCKED' });
    // Another staff member on the same desk is not affected.
    await desk.call('session.signIn', { staffId: staff.desk, pin: PIN });
    await desk.close();

    const reopened = track(await openTestDesk({ dataDir, clock }));
    expect(await reopened.refuse('session.signIn', { staffId: staff.nurse, pin: PIN })).toMatchObject({ code: 'PIN_LOCKED' });
    clock.advance(5 * 60_000);
    expect(await reopened.call('session.signIn', { staffId: staff.nurse, pin: PIN })).toMatchObject({ staffId: staff.nurse, role: 'nurse' });
  });

  it('gives wrong PINs sent in parallel no more than five guesses between them', async () => {
    const desk = track(await staffedDesk());
    await desk.call('session.signOut', {});
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, n) => desk.core.invoke('session.signIn', { staffId: desk.staff.nurse, pin: String(5000 + n) })),
    );
    const codes = guesses.map((response) => (response.ok ? 'OK' : response.error.code));
    expect(codes.filter((code) => code === 'PIN_INCORRECT').length).toBeLessThanOrEqual(4);
    expect(codes.filter((code) => code === 'PIN_LOCKED').length).toBeGreaterThanOrEqual(16);
    expect(await desk.refuse('session.signIn', { staffId: desk.staff.nurse, pin: PIN })).toMatchObject({ code: 'PIN_LOCKED' });
  });

  it('signs the desk out after 10 idle minutes, and says so to listeners', async () => {
    const clock = testClock();
    const desk = track(await staffedDesk({ clock }));
    const notices: string[] = [];
    desk.core.onChange((notice) => notices.push(notice.kind));
    clock.advance(9 * 60_000);
    // a person's change counts as activity
    await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } });
    clock.advance(9 * 60_000);
    await desk.call('desk.status', {}); // polling does not count as activity
    await desk.call('board.day', { date: '2026-11-25' }); // nor a screen's reads (it repeats them after every change notice)
    expect((await desk.call('desk.status', {})).session).not.toBeNull();
    clock.advance(60_000);
    expect((await desk.call('desk.status', {})).session).toBeNull();
    expect(notices).toContain('session');
    expect(await desk.refuse('board.day', { date: '2026-11-25' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('one person at a time: signing in replaces the previous staff member; a deactivated one cannot sign in', async () => {
    const desk = track(await staffedDesk());
    const { staff } = desk;
    await desk.call('session.signIn', { staffId: staff.desk, pin: PIN });
    expect((await desk.call('desk.status', {})).session?.staffId).toBe(staff.desk);
    await desk.call('session.signIn', { staffId: staff.manager, pin: PIN });
    await desk.call('command.execute', { type: 'DeactivateStaff', streamId: staff.desk, payload: { reason: '퇴사' } });
    expect(await desk.refuse('session.signIn', { staffId: staff.desk, pin: PIN })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await desk.call('staff.list', {})).items.find((s) => s.staffId === staff.desk)).toMatchObject({ active: false });
  });

  it('lets anyone change their own PIN with the current one, and only a manager someone else`s', async () => {
    const desk = track(await staffedDesk());
    const { staff } = desk;
    await desk.signInAs(staff.nurse);
    expect(await desk.refuse('staff.changePin', { staffId: staff.nurse, pin: '24680' })).toMatchObject({ code: 'VALIDATION' });
    expect(await desk.refuse('staff.changePin', { staffId: staff.nurse, pin: '24680', currentPin: '9999' })).toMatchObject({
      code: 'PIN_INCORRECT',
    });
    await desk.call('staff.changePin', { staffId: staff.nurse, pin: '24680', currentPin: PIN });
    expect(await desk.refuse('staff.changePin', { staffId: staff.desk, pin: '13579' })).toMatchObject({ code: 'FORBIDDEN' });
    await desk.call('session.signOut', {});
    expect(await desk.refuse('session.signIn', { staffId: staff.nurse, pin: PIN })).toMatchObject({ code: 'PIN_INCORRECT' });
    await desk.call('session.signIn', { staffId: staff.nurse, pin: '24680' });
    await desk.signInAs(staff.manager);
    await desk.call('staff.changePin', { staffId: staff.nurse, pin: '11223' });
    await desk.call('session.signIn', { staffId: staff.nurse, pin: '11223' });
  });
});
