import { describe, expect, it, vi } from 'vitest';
import type { ChangeNotice } from '../../shared/contract/desk-rpc.js';
import { createHttpBridge, parseChangeNotice, takeSessionFromAddress } from './http-bridge.js';

class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close(): void {
    this.closed = true;
  }
  deliver(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
}

const answer = (status: number, body: unknown): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const bridgeWith = (fetch: (input: string, init: RequestInit) => Promise<Response>, session: string | null = 'the-session-secret-123') => {
  FakeEventSource.opened = [];
  return createHttpBridge({
    baseUrl: 'http://127.0.0.1:5174',
    session,
    fetch,
    EventSource: FakeEventSource as unknown as new (url: string) => EventSource,
  });
};

describe('the browser-host Bridge', () => {
  it('POSTs the args as JSON to /rpc/<method> with the session header, and returns the envelope', async () => {
    const fetch = vi.fn(() => Promise.resolve(answer(200, { ok: true, result: { items: [] } })));
    const bridge = bridgeWith(fetch);
    await expect(bridge.invoke('staff.list', {})).resolves.toEqual({ ok: true, result: { items: [] } });
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:5174/rpc/staff.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Session': 'the-session-secret-123' },
      body: '{}',
      credentials: 'same-origin',
      cache: 'no-store',
    });
  });

  it('relies on the cookie when it has no session (after a reload)', async () => {
    const fetch = vi.fn((_input: string, _init: RequestInit) => Promise.resolve(answer(200, { ok: true, result: {} })));
    await bridgeWith(fetch, null).invoke('session.signOut', {});
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin' });
    expect(JSON.stringify(fetch.mock.calls[0]?.[1])).not.toMatch(/X-Desk-Session/);
  });

  it('passes on the envelope of a refusal (401, 404, 413 …) as it is', async () => {
    const refusal = { ok: false, error: { code: 'SESSION_REQUIRED', message: 'wrong session secret' } };
    const bridge = bridgeWith(() => Promise.resolve(answer(401, refusal)));
    await expect(bridge.invoke('desk.status', {})).resolves.toEqual(refusal);
  });

  it('never throws: an unreachable host or a non-envelope answer becomes an error envelope', async () => {
    await expect(bridgeWith(() => Promise.reject(new TypeError('Failed to fetch'))).invoke('desk.status', {})).resolves.toEqual({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', message: 'Failed to fetch' },
    });
    const unknownCode = { ok: false, error: { code: 'NOT_A_DESK_CODE', message: 'x' } };
    for (const body of ['<html>proxy error</html>', { ok: 'yes' }, { ok: false, error: 'x' }, unknownCode, { ok: true }, null]) {
      const result = await bridgeWith(() => Promise.resolve(answer(502, body as never))).invoke('desk.status', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'HOST_ERROR' } });
    }
  });

  it('shares one EventSource among listeners, with the session in its address, and closes it after the last', () => {
    const bridge = bridgeWith(() => Promise.reject(new Error('unused')));
    const first: ChangeNotice[] = [];
    const second: ChangeNotice[] = [];
    const stopFirst = bridge.onChange((notice) => first.push(notice));
    const stopSecond = bridge.onChange((notice) => second.push(notice));
    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['http://127.0.0.1:5174/rpc/events?session=the-session-secret-123']);
    const source = FakeEventSource.opened[0] as FakeEventSource;
    source.deliver('{"kind":"events","position":4,"streamIds":["a"]}');
    source.deliver('not json');
    source.deliver('{"kind":"format-disk"}');
    expect(first).toEqual([{ kind: 'events', position: 4, streamIds: ['a'] }]);
    expect(second).toEqual(first);
    stopFirst();
    expect(source.closed).toBe(false);
    stopSecond();
    expect(source.closed).toBe(true);
  });
});

describe('parseChangeNotice', () => {
  it.each([
    ['{"kind":"session"}', { kind: 'session' }],
    ['{"kind":"sync","position":0}', { kind: 'sync', position: 0 }],
    ['{"kind":"events","position":-1}', null],
    ['{"kind":"events","position":1.5}', null],
    ['{"kind":"events","streamIds":[1]}', null],
    ['{"kind":"other"}', null],
    ['[]', null],
    ['null', null],
    ['', null],
  ])('%s → %j', (data, notice) => {
    expect(parseChangeNotice(data)).toEqual(notice);
  });
});

describe('takeSessionFromAddress', () => {
  it('takes ?session= and removes it from the address bar, keeping the rest', () => {
    window.history.replaceState(null, '', '/?session=the-session-secret-123&lang=ko#top');
    expect(takeSessionFromAddress(window)).toBe('the-session-secret-123');
    expect(window.location.search).toBe('?lang=ko');
    expect(window.location.hash).toBe('#top');
    expect(takeSessionFromAddress(window)).toBeNull();
  });
});
