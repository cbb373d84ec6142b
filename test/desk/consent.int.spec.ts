/**
 * RecordConsent through DeskCore, as the renderer sends it: refused before check-in and twice for
 * the same form and version (nothing written), recorded by any staff role once the patient is
 * checked in, shown on the visit and in the audit trail under the person who recorded it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, staffedDesk } from '../support/desk-harness.js';

let desk: Awaited<ReturnType<typeof staffedDesk>>;
let visitId = '';

beforeAll(async () => {
  desk = await staffedDesk();
  await desk.signInAs(desk.staff.desk);
  const { streamId: patientId } = await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } });
  visitId = (
    await desk.call('command.execute', {
      type: 'Reserve',
      payload: { patientId, startAt: '2026-11-25T01:00:00.000Z', endAt: '2026-11-25T01:30:00.000Z', doctorId: desk.staff.doctor },
    })
  ).streamId;
});

afterAll(async () => {
  await desk.close();
});

const consent = (form: string, formVersion: string) =>
  ({ type: 'RecordConsent', streamId: visitId, payload: { form, formVersion } }) as const;

describe('RecordConsent through DeskCore', () => {
  it('is refused before check-in, and nothing is written', async () => {
    const before = dumpDatabase(desk.dataDir);
    expect(await desk.refuse('command.execute', consent('보톡스 시술 동의서', '2026-01'))).toMatchObject({ code: 'NOT_CHECKED_IN' });
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it('is recorded once the patient is checked in, by the nurse, and shows on the visit and in the audit trail', async () => {
    await desk.call('command.execute', { type: 'CheckIn', streamId: visitId, payload: { channel: 'desk' } });
    await desk.signInAs(desk.staff.nurse);
    const result = await desk.call('command.execute', consent(' 보톡스 시술 동의서 ', '2026-01'));
    expect(result.events.map((event) => [event.type, event.data, event.meta.initiator])).toEqual([
      ['ConsentRecorded', { form: '보톡스 시술 동의서', formVersion: '2026-01' }, desk.staff.nurse],
    ]);
    expect((await desk.call('visit.get', { visitId })).state.consents).toEqual([{ form: '보톡스 시술 동의서', formVersion: '2026-01' }]);

    await desk.signInAs(desk.staff.manager);
    const audit = await desk.call('audit.query', { staffId: desk.staff.nurse, limit: 10 });
    expect(audit.items.map((item) => item.summary)).toContain('Consent signed: 보톡스 시술 동의서 (2026-01)');
  });

  it('refuses the same form in the same version again, and takes a new version', async () => {
    await desk.signInAs(desk.staff.desk);
    const before = dumpDatabase(desk.dataDir);
    expect(await desk.refuse('command.execute', consent('보톡스 시술 동의서', '2026-01'))).toMatchObject({ code: 'CONSENT_ALREADY_RECORDED' });
    expect(dumpDatabase(desk.dataDir)).toBe(before);
    await desk.call('command.execute', consent('보톡스 시술 동의서', '2026-02'));
    expect((await desk.call('visit.get', { visitId })).state.consents).toHaveLength(2);
  });

  it('records a form once when the same consent is sent twice at the same moment', async () => {
    const actingStaffId = (await desk.call('desk.status', {})).session?.staffId;
    const [first, second] = await Promise.all([
      desk.core.invoke('command.execute', { ...consent('사진 촬영 동의서', 'v1'), actingStaffId }),
      desk.core.invoke('command.execute', { ...consent('사진 촬영 동의서', 'v1'), actingStaffId }),
    ]);
    expect([first, second].filter((answer) => answer.ok)).toHaveLength(1);
    expect([first, second].find((answer) => !answer.ok)).toMatchObject({ error: { code: 'CONSENT_ALREADY_RECORDED' } });
    const consents = (await desk.call('visit.get', { visitId })).state.consents;
    expect(consents.filter((signed) => signed.form === '사진 촬영 동의서')).toHaveLength(1);
  });

  it('refuses blank names and versions with VALIDATION', async () => {
    expect(await desk.refuse('command.execute', consent('   ', '2026-01'))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('payload.form') });
    expect(await desk.refuse('command.execute', consent('동의서', ''))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('payload.formVersion') });
  });
});
