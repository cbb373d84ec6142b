import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeskBridge } from '../../shared/contract/desk-rpc.js';
import { chooseBridge } from './bridge.js';
import { createPreloadBridge } from './preload-bridge.js';

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(window, 'desk');
});

describe('chooseBridge', () => {
  it('uses the Electron preload when window.desk is there', async () => {
    const desk: DeskBridge = {
      invoke: vi.fn(() => Promise.resolve({ ok: true, result: 'from preload' })) as unknown as DeskBridge['invoke'],
      onChange: vi.fn(() => () => {}),
    };
    Object.defineProperty(window, 'desk', { value: desk, configurable: true });
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await expect(chooseBridge(window).invoke('desk.status', {})).resolves.toEqual({ ok: true, result: 'from preload' });
    expect(desk.invoke).toHaveBeenCalledWith('desk.status', {});
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses the browser host otherwise, with the session from the address', async () => {
    window.history.replaceState(null, '', '/?session=the-session-secret-123');
    const fetch = vi.fn(() => Promise.resolve(new Response('{"ok":true,"result":{}}', { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    await chooseBridge(window).invoke('session.signOut', {});
    expect(fetch).toHaveBeenCalledWith(`${window.location.origin}/rpc/session.signOut`, expect.objectContaining({ method: 'POST' }));
    expect(JSON.stringify(fetch.mock.calls[0])).toMatch(/the-session-secret-123/);
    expect(window.location.search).toBe('');
  });
});

describe('the preload Bridge', () => {
  it('turns a rejected IPC call into an error envelope', async () => {
    const bridge = createPreloadBridge({
      invoke: () => Promise.reject(new Error("Error invoking remote method 'desk:invoke'")),
      onChange: () => () => {},
    });
    await expect(bridge.invoke('desk.status', {})).resolves.toEqual({
      ok: false,
      error: { code: 'HOST_ERROR', message: "Error invoking remote method 'desk:invoke'" },
    });
  });
});
