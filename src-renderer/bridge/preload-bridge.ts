/**
 * The Electron variant: `window.desk` from the preload already is a DeskBridge. It is wrapped so
 * that a rejected IPC call (main process gone, handler threw) becomes an envelope like every
 * other failure: callers never need a try/catch.
 */
import type { DeskBridge } from '../../shared/contract/desk-rpc.js';
import { TransportErrorCode } from '../../shared/contract/error-codes.js';

export const createPreloadBridge = (desk: DeskBridge): DeskBridge => ({
  invoke: async (method, args) => {
    try {
      return await desk.invoke(method, args);
    } catch (error) {
      return { ok: false, error: { code: TransportErrorCode.HOST_ERROR, message: error instanceof Error ? error.message : String(error) } };
    }
  },
  onChange: (listener) => desk.onChange(listener),
});
