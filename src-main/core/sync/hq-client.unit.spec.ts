import { describe, expect, it } from 'vitest';
import { pushBodyOf, retryAfterMs } from './hq-client.js';

describe("HQ's Retry-After", () => {
  const now = Date.parse('2026-12-01T09:00:00.000Z');
  it('reads seconds and HTTP dates; anything else is no advice', () => {
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 01 Dec 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 08:00:00 GMT', now)).toBe(0);
    for (const junk of [null, '', 'soon', '-5', '1.5']) expect(retryAfterMs(junk, now)).toBeNull();
  });
});

describe('the push body', () => {
  const envelope = (version: number, data: Record<string, unknown>) => ({
    eventId: `0190a000-0000-7000-8000-00000000000${version}`,
    streamType: 'visit',
    streamId: '0190a000-0000-7000-8000-0000000000aa',
    version,
    type: 'MemoAdded',
    schemaVersion: 1,
    data,
    meta: { commandId: 'c', processId: 'c', initiator: 's', predecessorId: 'c', deviceId: 'd', raisedAt: '2026-12-01T00:00:00.000Z', appVersion: '0.1.0' },
  });
  const events = [envelope(1, { text: '메모 "인용" \\ 줄\n바꿈', n: 1.5 }), envelope(2, { text: '', list: [1, { a: null }] })];

  it('given events as the batch measured them, is the UTF-8 of JSON.stringify of the request with exactly those events', () => {
    const head = { deviceId: '0190a000-0000-7000-8000-0000000000dd', appVersion: '0.1.0', basis: { s: 'e' } };
    const body = pushBodyOf({ head, eventBodies: events.map((event) => Buffer.from(JSON.stringify(event))) });
    expect(body.equals(Buffer.from(JSON.stringify({ ...head, events })))).toBe(true);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ ...head, events });
  });

  it('given no basis and no events, is still the request as JSON', () => {
    const head = { deviceId: 'd', appVersion: '0.1.0' };
    expect(pushBodyOf({ head, eventBodies: [] }).toString('utf8')).toBe(JSON.stringify({ ...head, events: [] }));
  });
});
