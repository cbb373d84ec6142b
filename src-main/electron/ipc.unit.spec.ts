/**
 * The IPC handler's transport checks, with a recording DeskCore double: a refused call must never
 * reach it. Arguments are DeskCore's to parse (test/electron/ipc-args.int.spec.ts runs bad ones
 * through this handler into the real DeskCore; test/electron/desk-app.int.spec.ts repeats the
 * important refusals end to end).
 */
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { checkSender, createIpcHandler } from './ipc.js';
import { StandInFrame, StandInWebContents } from '../../test/support/electron-stand-in.js';
import { recordingDeskCore, silentLog } from '../../test/support/recording-desk-core.js';

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
    ['an unknown method', 'desk.format'],
    ['a method name from Object.prototype', 'constructor'],
    ['a method that is not a string', { method: 'desk.status' }],
  ])('refuses %s before DeskCore', async (_why, method) => {
    const { core, log, contents, call } = setUp();
    const answer = await call(contents.ipcEvent(), method, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(core.calls).toEqual([]);
    expect(log.lines[0]).toMatch(/^WARN ipc refused: unknown method/);
  });

  it('hands the arguments to DeskCore as they came, for DeskCore to parse (the one place)', async () => {
    const { core, contents, call } = setUp();
    const args = { staffId: "1' OR '1'='1", pin: 'abcd' };
    await call(contents.ipcEvent(), 'session.signIn', args);
    expect(core.calls).toEqual([{ method: 'session.signIn', args }]);
    expect(core.calls[0]?.args).toBe(args);
  });
});
