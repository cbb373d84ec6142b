/**
 * A recording test double of DeskCore, for unit tests of the hosts' own checks (IPC handler)
 * only: it answers every call with `{ ok: true }` and remembers what reached it, so a test can
 * show that a refused call never did. Everything end to end uses the real openDeskCore.
 */
import type { ChangeNotice, DeskMethod, DeskResults, RpcResponse } from '../../shared/contract/desk-rpc.js';
import type { DeskCore } from '../../src-main/core/desk-core-api.js';

export interface RecordingDeskCore extends Pick<DeskCore, 'invoke' | 'onChange'> {
  readonly calls: { readonly method: string; readonly args: unknown }[];
  readonly notify: (notice: ChangeNotice) => void;
}

export const recordingDeskCore = (): RecordingDeskCore => {
  const calls: { method: string; args: unknown }[] = [];
  const listeners = new Set<(notice: ChangeNotice) => void>();
  function invoke<M extends DeskMethod>(method: M, args: unknown): Promise<RpcResponse<DeskResults[M]>>;
  function invoke(method: string, args: unknown): Promise<RpcResponse<unknown>>;
  function invoke(method: string, args: unknown): Promise<RpcResponse<unknown>> {
    calls.push({ method, args });
    return Promise.resolve({ ok: true, result: { method } });
  }
  return {
    calls,
    invoke,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (notice) => {
      for (const listener of listeners) listener(notice);
    },
  };
};

export const silentLog = () => {
  const lines: string[] = [];
  return {
    lines,
    info: (message: string) => lines.push(`INFO ${message}`),
    warn: (message: string) => lines.push(`WARN ${message}`),
    error: (message: string) => lines.push(`ERROR ${message}`),
  };
};
