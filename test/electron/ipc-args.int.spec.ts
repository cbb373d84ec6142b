/**
 * Arguments the contract refuses, sent through the real IPC handler into the real DeskCore: each
 * is VALIDATION, logged by the handler, and the database does not change by a byte.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcHandler } from '../../src-main/electron/ipc.js';
import { dumpDatabase, staffedDesk } from '../support/desk-harness.js';
import { StandInWebContents } from '../support/electron-stand-in.js';
import { silentLog } from '../support/recording-desk-core.js';

let desk: Awaited<ReturnType<typeof staffedDesk>>;

beforeAll(async () => {
  desk = await staffedDesk();
});

afterAll(async () => {
  await desk.close();
});

describe('the desk:invoke handler with the real DeskCore', () => {
  it.each([
    ['args that are not an object', 'session.signIn', 'staffId=1&pin=0000'],
    ['a PIN with letters', 'session.signIn', { staffId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', pin: 'abcd' }],
    ['a PIN too short', 'session.signIn', { staffId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', pin: '12' }],
    ['a staff id that is not a UUID', 'session.signIn', { staffId: "1' OR '1'='1", pin: '0000' }],
    ['an extra key', 'staff.list', { admin: true }],
    ['a prototype key', 'staff.list', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['a command the renderer may not send', 'command.execute', { type: 'RegisterStaff', payload: { name: 'x', role: 'manager', pinHash: 'h' } }],
    ['a negative payment', 'command.execute', { type: 'RecordPayment', streamId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', payload: { amount: -1000, method: 'card' } }],
    ['an audit limit out of range', 'audit.query', { limit: 100000 }],
    // issue 10 item 9: a key JSON readers drop or turn into a prototype is refused, not dropped
    [
      'a __proto__ key in the clinic`s hours',
      'command.execute',
      { type: 'ConfigureClinic', payload: { name: '테스트 피부과', hours: JSON.parse('{"__proto__": {"open": "09:00", "close": "18:00"}, "mon": {"open": "10:00", "close": "19:00"}}') } },
    ],
    [
      'a __proto__ key in an edited retry',
      'conflicts.resolve',
      { conflictId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', action: 'retry', payload: JSON.parse('{"__proto__": {"amount": 1}, "method": "card"}') },
    ],
  ])('refuses %s with VALIDATION, logs it, and changes nothing', async (_why, method, args) => {
    const log = silentLog();
    const contents = new StandInWebContents();
    contents.mainFrame.url = 'app://desk/index.html';
    const handle = createIpcHandler({ core: desk.core, ourWebContents: (id) => id === contents.id, log });
    const before = dumpDatabase(desk.dataDir);
    const answer = await handle(contents.ipcEvent() as unknown as IpcMainInvokeEvent, method, args);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(log.lines).toEqual([`WARN ipc refused: ${method} with invalid args`]);
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  });
});
