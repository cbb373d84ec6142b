/**
 * How the renderer reaches the desk: one Bridge, typed by the shared contract (DeskBridge), with
 * two implementations side by side — the Electron preload (`window.desk`) and the browser host
 * (fetch + EventSource). Only `chooseBridge` knows which one it picked; everything else in the
 * renderer gets a DeskBridge.
 */
import type { DeskBridge } from '../../shared/contract/desk-rpc.js';
import { createHttpBridge, takeSessionFromAddress } from './http-bridge.js';
import { createPreloadBridge } from './preload-bridge.js';

export type { DeskBridge } from '../../shared/contract/desk-rpc.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload (src-main/electron/preload.ts); absent in a browser. */
    readonly desk?: DeskBridge;
  }
}

export const chooseBridge = (win: Window & typeof globalThis): DeskBridge =>
  win.desk
    ? createPreloadBridge(win.desk)
    : createHttpBridge({
        baseUrl: win.location.origin,
        session: takeSessionFromAddress(win),
        fetch: win.fetch.bind(win),
        EventSource: win.EventSource,
      });
