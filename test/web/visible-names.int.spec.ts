/**
 * Issue 10 item 8: a name must contain a visible character. A patient, staff member or clinic
 * named only with characters that show nothing — Hangul fillers, zero-width characters, the
 * braille blank, whitespace, controls and format characters — is refused with VALIDATION over the
 * browser host, changing nothing; names with a visible character among such marks still pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffedDeskOverHttp } from '../support/desk-over-http.js';
import { BLANK_LOOKING } from '../support/blank-looking.js';
import { dumpDatabase } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDeskOverHttp>>;
let desk: Desk;

beforeAll(async () => {
  desk = await staffedDeskOverHttp();
}, 60_000);

afterAll(() => desk.close());

describe('blank-looking names', () => {
  it.each(BLANK_LOOKING)('%s is refused as a patient`s, a staff member`s and the clinic`s name', async (_label, name) => {
    const before = dumpDatabase(desk.dataDir);
    const answers = [
      ['payload.name', await desk.http.asScreen('command.execute', { type: 'RegisterPatient', payload: { name, phone: '010-2345-6789' } })],
      ['name', await desk.http.asScreen('staff.register', { name, role: 'nurse', pin: '1234' })],
      ['payload.name', await desk.http.asScreen('command.execute', { type: 'ConfigureClinic', payload: { name } })],
    ] as const;
    for (const [field, answer] of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}: `)) } });
    }
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it('takes a name with a visible character among invisible ones, as typed', async () => {
    for (const name of ['김\u200b민수', '\u3164이', 'Zoe\u0301', '👩\u200d⚕️']) {
      expect(await desk.http.asScreen('command.execute', { type: 'RegisterPatient', payload: { name, phone: '010-2345-6789' } })).toMatchObject({ ok: true });
    }
  });
});
