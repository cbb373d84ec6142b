/**
 * A real DeskCore served by the real browser host on 127.0.0.1: tests call it over HTTP exactly
 * as the renderer does (`POST /rpc/<method>` with the session header), and read change notices
 * from its SSE stream.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RpcResponse } from '../../shared/contract/desk-rpc.js';
import type { DeskCore } from '../../src-main/core/desk-core-api.js';
import { startDeskWebHost, type DeskWebHost } from '../../src-main/web/host.js';
import { asSignedInScreen, staffedDesk } from './desk-harness.js';
import { loopbackRequest, openEventStream, type EventStream } from './loopback-http.js';
import { tempDir } from './tab-desk.js';

const SESSION = 'desk-over-http-session-0123456789';

export interface DeskOverHttp {
  readonly host: DeskWebHost;
  /** One RPC as the renderer sends it; the envelope as the host answered it (always HTTP 200). */
  readonly rpc: (method: string, args: unknown) => Promise<RpcResponse<unknown>>;
  /** The same, from the screen of whoever is signed in now: a change names them (asSignedInScreen). */
  readonly asScreen: (method: string, args: unknown) => Promise<RpcResponse<unknown>>;
  /** The change-notice stream, as the page opens it. */
  readonly notices: () => Promise<EventStream>;
  readonly close: () => Promise<void>;
}

export const serveOverHttp = async (core: DeskCore): Promise<DeskOverHttp> => {
  const rendererDir = tempDir('renderer');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>desk page</title>');
  const host = await startDeskWebHost({ core, session: SESSION, rendererDir, port: 0, log: () => {} });
  const rpc = async (method: string, args: unknown): Promise<RpcResponse<unknown>> => {
    const response = await loopbackRequest(host.port, {
      method: 'POST',
      path: `/rpc/${method}`,
      headers: { 'content-type': 'application/json', 'x-desk-session': SESSION },
      body: JSON.stringify(args),
    });
    if (response.status !== 200) throw new Error(`${method}: HTTP ${response.status} ${response.body.slice(0, 200)}`);
    return JSON.parse(response.body) as RpcResponse<unknown>;
  };
  return {
    host,
    rpc,
    asScreen: async (method, args) => rpc(method, await asSignedInScreen(core, method, args)),
    notices: () => openEventStream(host.port, '/rpc/events', { 'x-desk-session': SESSION }),
    close: async () => {
      await host.close();
      fs.rmSync(rendererDir, { recursive: true, force: true });
    },
  };
};

/** A clinic's desk with its staff (staffedDesk, the manager signed in), served over the browser host; close() stops both. */
export const staffedDeskOverHttp = async (options: Parameters<typeof staffedDesk>[0] = {}) => {
  const desk = await staffedDesk(options);
  const http = await serveOverHttp(desk.core);
  return {
    ...desk,
    http,
    close: async () => {
      await http.close();
      await desk.close();
    },
  };
};
