/**
 * The preload of the desk window. It runs sandboxed with context isolation and exposes exactly two
 * functions as `window.desk` — invoke(method, args) and onChange(listener) — typed by the shared
 * contract (DeskBridge). It imports nothing at run time but electron: the build bundles it into
 * one file whose only require is electron (vite.config.ts, test/electron/preload-build.int.spec.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChangeNotice, DeskBridge } from '../../shared/contract/desk-rpc.js';
import { DESK_CHANGE_CHANNEL, DESK_INVOKE_CHANNEL, type DeskInvokeChannel } from './channels.js';

const invokeChannel: DeskInvokeChannel = (channel, method, args) => ipcRenderer.invoke(channel, method, args);

const desk: DeskBridge = {
  invoke: (method, args) => invokeChannel(DESK_INVOKE_CHANNEL, method, args),
  onChange: (listener: (notice: ChangeNotice) => void) => {
    // The IPC event (with its sender) never reaches the page: only the notice does.
    const forward = (_event: IpcRendererEvent, notice: ChangeNotice): void => listener(notice);
    ipcRenderer.on(DESK_CHANGE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(DESK_CHANGE_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('desk', desk);
