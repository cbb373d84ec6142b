/**
 * The IPC handler's checks, with a recording DeskCore double: a refused call must never reach it.
 * (test/electron/desk-app.int.spec.ts repeats the important refusals against the real DeskCore.)
 */
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { checkSender, createIpcHandler } from '../../src-main/electron/ipc.js';
import { StandInFrame, StandInWebContents } from '../support/electron-stand-in.js';
import { recordingDeskCore, silentLog } from '../support/recording-desk-core.js';

const OUR_PAGE = 'app://desk/index.html';

const setUp = () => {
  const core = recordingDeskCore();
  const log = silentLog();
  const contents = new StandInWebContents();
  contents.mainFrame.url = OUR_PAGE;
  const handle = createIpcHandler({ core, ourWebContents: (id) => id === contents.id, log });
  const call = (event: unknown, method: unknown, args: unknown) => handle(event as IpcMainInvokeEvent, method, args);
  return { core, log, contents, call };
};

describe('checkSender', () => {
  const ours = (id: number) => id === 7;
  it.each([
    ['another web contents', { webContentsId: 8, frameUrl: OUR_PAGE, isMainFrame: true }, /not a desk window/],
    ['a frame that is gone', { webContentsId: 7, frameUrl: null, isMainFrame: false }, /gone/],
    ['a foreign page', { webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, /not the desk page/],
    ['a look-alike host', { webContentsId: 7, frameUrl: 'app://desk.evil/index.html', isMainFrame: true }, /not the desk page/],
    ['file://', { webContentsId: 7, frameUrl: 'file:///index.html', isMainFrame: true }, /not the desk page/],
    ['about:blank', { webContentsId: 7, frameUrl: 'about:blank', isMainFrame: true }, /not the desk page/],
    ['our page in a sub-frame', { webContentsId: 7, frameUrl: OUR_PAGE, isMainFrame: false }, /not the main frame/],
  ])('refuses %s, with the reason', (_why, sender, reason) => {
    const verdict = checkSender(sender, ours);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  it('accepts our page in the main frame of our window', () => {
    expect(checkSender({ webContentsId: 7, frameUrl: OUR_PAGE, isMainFrame: true }, ours)).toEqual({ ok: true });
  });
});

describe('the desk:invoke handler', () => {
  it('passes a valid call from our page to DeskCore and returns its envelope', async () => {
    const { core, contents, call } = setUp();
    await expect(call(contents.ipcEvent(), 'staff.list', {})).resolves.toEqual({ ok: true, result: { method: 'staff.list' } });
    expect(core.calls).toEqual([{ method: 'staff.list', args: {} }]);
  });

  it('refuses IPC from a foreign frame (an iframe of another origin) before DeskCore, and logs why', async () => {
    const { core, log, contents, call } = setUp();
    const iframe = new StandInFrame('https://evil.example/frame.html', contents.mainFrame);
    const answer = await call(contents.ipcEvent(iframe), 'session.signOut', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
    expect(log.lines).toEqual([expect.stringMatching(/^WARN ipc refused: sender "https:\/\/evil.example\/frame.html" is not the desk page/)]);
  });

  it('refuses our own page when it sits in a sub-frame', async () => {
    const { core, log, contents, call } = setUp();
    const answer = await call(contents.ipcEvent(new StandInFrame(OUR_PAGE, contents.mainFrame)), 'desk.status', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
    expect(log.lines[0]).toMatch(/not the main frame/);
  });

  it('refuses a window the desk did not make, and a frame that went away', async () => {
    const { core, call } = setUp();
    const stranger = new StandInWebContents();
    stranger.mainFrame.url = OUR_PAGE;
    expect(await call(stranger.ipcEvent(), 'desk.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { contents } = setUp();
    expect(await call(contents.ipcEvent(null), 'desk.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it.each([
    ['an unknown method', 'desk.format', {}, 'UNKNOWN_METHOD'],
    ['a method name from Object.prototype', 'constructor', {}, 'UNKNOWN_METHOD'],
    ['a method that is not a string', { method: 'desk.status' }, {}, 'UNKNOWN_METHOD'],
    ['args that are not an object', 'session.signIn', 'staffId=1&pin=0000', 'VALIDATION'],
    ['a PIN with letters', 'session.signIn', { staffId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', pin: 'abcd' }, 'VALIDATION'],
    ['a PIN too short', 'session.signIn', { staffId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', pin: '12' }, 'VALIDATION'],
    ['a staff id that is not a UUID', 'session.signIn', { staffId: "1' OR '1'='1", pin: '0000' }, 'VALIDATION'],
    ['an extra key', 'staff.list', { admin: true }, 'VALIDATION'],
    ['a prototype key', 'staff.list', JSON.parse('{"__proto__": {"polluted": true}}'), 'VALIDATION'],
    ['a command the renderer may not send', 'command.execute', { type: 'RegisterStaff', payload: { name: 'x', role: 'manager', pinHash: 'h' } }, 'VALIDATION'],
    ['a negative payment', 'command.execute', { type: 'RecordPayment', streamId: '0190f5d2-9c1e-7a3b-8c4d-5e6f7a8b9c0d', payload: { amount: -1000, method: 'card' } }, 'VALIDATION'],
    ['an audit limit out of range', 'audit.query', { limit: 100000 }, 'VALIDATION'],
  ])('refuses %s before DeskCore', async (_why, method, args, code) => {
    const { core, contents, call } = setUp();
    const answer = await call(contents.ipcEvent(), method, args);
    expect(answer).toMatchObject({ ok: false, error: { code } });
    expect(core.calls).toEqual([]);
  });
});
