/**
 * The audit trail rebuilt from the log has the rows its commands wrote one by one: one per event,
 * with who acted and, for a visit's events, its patient (named by the reservation, then
 * remembered or read back from read_visits). The log is longer than a rebuild's page (1,000
 * events, projection-set.ts), and a visit's events fall on both sides of the page's end.
 */
import { describe, expect, it } from 'vitest';
import { clinicRegistry } from '../../shared/clinic/registry.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { openDeskStore } from '../../src-main/core/store/desk-store.js';
import { openTestDesk, PIN, testClock } from '../support/desk-harness.js';

const PATIENTS = 1_050;

describe('audit trail rebuilt from the log', () => {
  it('rebuilt from the log, has the rows the commands wrote: one per event, with who acted and for which patient', async () => {
    const clock = testClock('2026-11-25T00:00:00.000Z');
    const desk = await openTestDesk({ clock });
    const { dataDir } = desk;
    let manager: string | undefined;
    let patient: string | undefined;
    try {
      manager = (await desk.call('staff.register', { name: '김지현', role: 'manager', pin: PIN })).streamId;
      await desk.call('session.signIn', { staffId: manager, pin: PIN });
      const doctor = (await desk.call('staff.register', { name: '최민호', role: 'doctor', pin: PIN })).streamId;
      const execute = async (args: object) => {
        clock.advance(1_000);
        const answer = await desk.core.invoke('command.execute', { ...args, actingStaffId: manager });
        if (!answer.ok) throw new Error(answer.error.message);
        return (answer.result as { streamId: string }).streamId;
      };
      const register = (i: number) => execute({ type: 'RegisterPatient', payload: { name: `환자${i}`, phone: `010-1234-${String(1000 + i)}` } });
      patient = await register(0);
      const start = Date.parse('2026-11-26T01:00:00.000Z');
      const visit = await execute({
        type: 'Reserve',
        payload: { patientId: patient, doctorId: doctor, startAt: new Date(start).toISOString(), endAt: new Date(start + 1_800_000).toISOString() },
      });
      for (let i = 1; i < PATIENTS; i++) await register(i);
      await execute({ type: 'CheckIn', streamId: visit, payload: { channel: 'desk' } });
    } finally {
      await desk.close();
    }

    const store = openDeskStore({ dataDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: clock.now });
    try {
      const dump = () => store.reader.prepare('SELECT at, position, staff_id, patient_id FROM read_audit ORDER BY position').all();
      const inline = dump();
      const visits = () => store.reader.prepare('SELECT * FROM read_visits').all();
      const inlineVisits = visits();
      const events = store.reader.prepare('SELECT count(*) FROM events').pluck().get() as number;
      expect(inline).toHaveLength(events);
      expect(new Set(inline.map((row) => (row as { position: number }).position)).size).toBe(events);
      const visitRows = store.reader
        .prepare("SELECT a.staff_id, a.patient_id FROM read_audit a JOIN events e ON e.position = a.position WHERE e.stream_type = 'visit'")
        .all();
      expect(visitRows).toHaveLength(2);
      expect(events).toBeGreaterThan(1_000);
      for (const row of visitRows) expect(row).toEqual({ staff_id: manager, patient_id: patient });
      store.events.projections.rebuildAll();
      expect(dump()).toEqual(inline);
      expect(visits()).toEqual(inlineVisits);
    } finally {
      store.close();
    }
  }, 120_000);
});
