import type { DeskArgs, DeskMethod, DeskResults, RpcResponse } from '../../shared/contract/desk-rpc.js';

/** The IPC channels between the preload and the main process: one for calls, one for notices. */
export const DESK_INVOKE_CHANNEL = 'desk:invoke';
export const DESK_CHANGE_CHANNEL = 'desk:change';

/**
 * `ipcRenderer.invoke` on the call channel, typed by the contract: the main process answers it
 * with DeskCore's envelope for that method (ipc.ts). Electron types the answer as `any`; this is
 * the one place that says what it is, so the preload needs no cast.
 */
export type DeskInvokeChannel = <M extends DeskMethod>(
  channel: typeof DESK_INVOKE_CHANNEL,
  method: M,
  args: DeskArgs<M>,
) => Promise<RpcResponse<DeskResults[M]>>;
