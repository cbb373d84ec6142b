/**
 * The one IPC handler of the desk (channel `desk:invoke`). Before DeskCore sees anything it checks
 * the transport, like VS Code's validated ipcMain: the message comes from our page (`app://desk/`),
 * from the main frame, of a window the desk made, and names a method of the contract. DeskCore
 * then parses the arguments (the one place they are parsed). Each refusal is logged with its
 * reason and answered with an `{ ok: false }` envelope.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { isDeskMethod, type RpcResponse } from '../../shared/contract/desk-rpc.js';
import { DeskErrorCode } from '../../shared/contract/error-codes.js';
import type { DeskCore } from '../core/desk-core-api.js';
import type { Log } from './log.js';
import { isAppUrl } from './trusted-url.js';

/** What the sender check looks at, taken from the IPC event. */
export interface IpcSender {
  readonly webContentsId: number;
  /** The sending frame's URL; null when the frame is gone (navigated away, destroyed). */
  readonly frameUrl: string | null;
  readonly isMainFrame: boolean;
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const senderOf = (event: IpcMainInvokeEvent): IpcSender => {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isMainFrame: frame !== null && frame.parent === null };
};

/** Our page, in the main frame, of one of our windows. */
export const checkSender = (sender: IpcSender, ourWebContents: (id: number) => boolean): Verdict => {
  if (!ourWebContents(sender.webContentsId)) return { ok: false, reason: `web contents ${sender.webContentsId} is not a desk window` };
  if (sender.frameUrl === null) return { ok: false, reason: 'the sending frame is gone' };
  if (!isAppUrl(sender.frameUrl)) return { ok: false, reason: `sender ${JSON.stringify(sender.frameUrl.slice(0, 200))} is not the desk page` };
  if (!sender.isMainFrame) return { ok: false, reason: 'sender is not the main frame' };
  return { ok: true };
};

const refuse = (code: DeskErrorCode, message: string): RpcResponse<never> => ({ ok: false, error: { code, message } });

export interface IpcHandlerDeps {
  readonly core: Pick<DeskCore, 'invoke'>;
  readonly ourWebContents: (id: number) => boolean;
  readonly log: Log;
}

export const createIpcHandler =
  ({ core, ourWebContents, log }: IpcHandlerDeps) =>
  async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<RpcResponse<unknown>> => {
    const sender = checkSender(senderOf(event), ourWebContents);
    if (!sender.ok) {
      log.warn(`ipc refused: ${sender.reason}`);
      return refuse(DeskErrorCode.FORBIDDEN, 'IPC from outside the desk page is refused');
    }
    if (!isDeskMethod(method)) {
      log.warn(`ipc refused: unknown method ${JSON.stringify(String(method).slice(0, 100))}`);
      return refuse(DeskErrorCode.UNKNOWN_METHOD, `unknown method ${String(method).slice(0, 100)}`);
    }
    const answer = await core.invoke(method, args);
    if (!answer.ok && answer.error.code === DeskErrorCode.VALIDATION) log.warn(`ipc refused: ${method} with invalid args`);
    return answer;
  };
