import { describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../../src-main/core/demo/demo-seed.js';
import { clinicDayOf } from '../../src-main/core/read-models/clinic-time.js';
import { openTestDesk, testClock } from '../support/desk-harness.js';

describe('--demo', () => {
  it('seeds a clinic with staff (PIN 0000) and a day of visits in every stage, once', async () => {
    const clock = testClock('2026-11-25T05:00:00.000Z'); // 14:00 in Seoul
    const desk = await openTestDesk({ clock, demo: true });
    try {
      const staff = (await desk.call('staff.list', {})).items;
      expect(staff.map((s) => s.role).sort()).toEqual(['counselor', 'desk', 'doctor', 'doctor', 'manager', 'nurse']);
      const manager = staff.find((s) => s.role === 'manager');
      await desk.call('session.signIn', { staffId: manager?.staffId ?? '', pin: DEMO_PIN });
      const status = await desk.call('desk.status', {});
      expect(status.clinic).toEqual({ name: '데모 피부과의원', timeZone: 'Asia/Seoul' });
      const board = await desk.call('board.day', { date: clinicDayOf(clock.now(), 'Asia/Seoul') });
      for (const stage of Object.keys(board.counts) as (keyof typeof board.counts)[]) {
        expect(board.counts[stage], stage).toBeGreaterThan(0);
      }
      const warnings = (await desk.call('warnings.list', {})).items.map((w) => w.kind);
      expect(warnings).toEqual(expect.arrayContaining(['doctor-double-booked', 'duplicate-patient']));
      const audit = (await desk.call('audit.query', { limit: 500 })).items;
      const before = audit.length;
      // Seeded through DeskCore's call path: every event is by a staff member who may issue it
      // (the first manager, made before anyone could sign in, is by the desk itself).
      const byDevice = audit.filter((entry) => entry.staffId === null).map((entry) => entry.eventType);
      expect(byDevice).toEqual(['StaffRegistered']);
      expect(new Set(audit.map((entry) => entry.staffId).filter((id) => id !== null))).toEqual(new Set(staff.map((s) => s.staffId)));
      expect(audit.map((entry) => entry.summary)).toContain('Consent signed: 보톡스 시술 동의서 (2026-01)');
      await desk.close();
      const again = await openTestDesk({ dataDir: desk.dataDir, clock, demo: true });
      await again.call('session.signIn', { staffId: manager?.staffId ?? '', pin: DEMO_PIN });
      expect((await again.call('audit.query', { limit: 500 })).items.length).toBe(before);
      await again.close();
    } finally {
      await desk.close();
    }
  });
});
