/**
 * METHOD_ACCESS, the one declaration of who may call which method, as DeskCore applies it to every
 * call with valid arguments: before sign-in only the public methods run; a method limited to some
 * roles refuses everyone else with FORBIDDEN; a refused call changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_ACCESS } from '../../shared/contract/desk-rpc.js';
import { dumpDatabase, staffedDesk } from '../support/desk-harness.js';
import { validDeskCalls, type DeskIds } from '../support/valid-desk-args.js';

let desk: Awaited<ReturnType<typeof staffedDesk>>;
let ids: DeskIds;

beforeAll(async () => {
  desk = await staffedDesk();
  await desk.signInAs(desk.staff.desk);
  const patientId = (await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } })).streamId;
  const visitId = (
    await desk.call('command.execute', {
      type: 'Reserve',
      payload: { patientId, startAt: '2026-11-26T01:00:00.000Z', endAt: '2026-11-26T01:30:00.000Z' },
    })
  ).streamId;
  ids = { visitId, patientId, staff: desk.staff, now: desk.clock.now, acting: desk.staff.desk };
}, 60_000);

afterAll(async () => {
  await desk.close();
});

describe('who may call which method', () => {
  it('before sign-in, refuses every method that is not public with NOT_SIGNED_IN, and changes nothing', async () => {
    await desk.call('session.signOut', {});
    const before = dumpDatabase(desk.dataDir);
    const answers: string[] = [];
    for (const { method, args } of validDeskCalls(ids)) {
      if (METHOD_ACCESS[method] === 'public') continue;
      const response = await desk.core.invoke(method, args);
      answers.push(`${method}: ${response.ok ? 'ok' : response.error.code}`);
    }
    expect(answers.length).toBeGreaterThan(40);
    expect(answers.filter((answer) => !answer.endsWith(': NOT_SIGNED_IN'))).toEqual([]);
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it('refuses a method limited to some roles to anyone else with FORBIDDEN, naming what needs whom', async () => {
    await desk.signInAs(desk.staff.desk);
    const before = dumpDatabase(desk.dataDir);
    const limited = validDeskCalls(ids).filter(({ method }) => typeof METHOD_ACCESS[method] === 'object');
    expect(limited.map(({ method }) => method).sort()).toEqual(['audit.query', 'sync.configure', 'sync.retryStream', 'sync.whoami']);
    for (const { method, args } of limited) {
      const access = METHOD_ACCESS[method];
      const refusal = await desk.refuse(method, args);
      expect(refusal.code, method).toBe('FORBIDDEN');
      expect(refusal.message, method).toMatch(typeof access === 'object' ? `${access.what} needs a manager` : 'unreachable');
    }
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });

  it('lets a manager through to those methods', async () => {
    await desk.signInAs(desk.staff.manager);
    expect((await desk.call('audit.query', { limit: 5 })).items.length).toBeGreaterThan(0);
    expect(await desk.call('sync.configure', { hqUrl: 'https://hq.example.com', token: 'desk-token.0123456789abcdef' })).toEqual({
      hqUrl: 'https://hq.example.com',
    });
  });
});
