/**
 * A recording Bridge for renderer tests (Actual Budget's `.testing` platform variant): each method
 * answers from a script the test gives, every call is recorded, and the test can push change
 * notices. Typed by the same DeskBridge contract as the two real Bridges.
 */
import type { ChangeNotice, DeskArgs, DeskBridge, DeskMethod, DeskResults, RpcResponse } from '../../shared/contract/desk-rpc.js';

export type Script = { [M in DeskMethod]?: (args: DeskArgs<M>) => RpcResponse<DeskResults[M]> };

export interface RecordingBridge extends DeskBridge {
  readonly calls: { readonly method: DeskMethod; readonly args: unknown }[];
  readonly script: Script;
  readonly notify: (notice: ChangeNotice) => void;
  readonly listenerCount: () => number;
}

export const recordingBridge = (script: Script): RecordingBridge => {
  const calls: { method: DeskMethod; args: unknown }[] = [];
  const listeners = new Set<(notice: ChangeNotice) => void>();
  return {
    calls,
    script,
    invoke: <M extends DeskMethod>(method: M, args: DeskArgs<M>): Promise<RpcResponse<DeskResults[M]>> => {
      calls.push({ method, args });
      const answer = script[method];
      return Promise.resolve(answer ? answer(args) : { ok: false, error: { code: 'UNKNOWN_METHOD', message: `not scripted: ${method}` } });
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify: (notice) => {
      for (const listener of listeners) listener(notice);
    },
    listenerCount: () => listeners.size,
  };
};
