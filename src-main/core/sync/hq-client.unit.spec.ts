import { describe, expect, it } from 'vitest';
import { PIECES_FROM_BYTES, parsedInPieces } from '../../../src-node/json-in-pieces.js';
import { answerBodyOf, createHqClient, pushBodyOf, retryAfterMs } from './hq-client.js';

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

describe("HQ's answer, read as bytes", () => {
  /** What the desk read before: Response.text(), then JSON.parse, null when that throws. */
  const asBefore = async (bytes: Uint8Array): Promise<unknown> => {
    const text = await new Response(bytes).text();
    try {
      return text === '' ? null : JSON.parse(text);
    } catch {
      return null;
    }
  };
  const uuid = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const pulled = (position: number) => ({
    eventId: uuid(position),
    streamType: 'visit',
    streamId: uuid(100_000 + (position % 50)),
    version: 1 + Math.floor(position / 50),
    type: 'MemoAdded',
    schemaVersion: 1,
    data: { text: `환자 ${position}: "예약" 확인 \\ 완료\n다음 방문 2주 후`, amount: position * 1000, items: [{ name: '보톡스', price: 120_000 }] },
    meta: { commandId: uuid(position), processId: uuid(position), initiator: uuid(7), predecessorId: uuid(position), deviceId: uuid(8), raisedAt: '2026-12-01T00:00:00.000Z', appVersion: '0.1.0' },
    tenantId: uuid(9),
    serverPosition: position,
    receivedAt: '2026-12-01T00:00:01.000Z',
  });
  const page = { logId: uuid(1), events: Array.from({ length: 1000 }, (_unused, index) => pulled(index + 1)), head: 5000, more: true };
  const bytes = Buffer.from(JSON.stringify(page), 'utf8');

  it('given a pull page of 1,000 events with Korean memos (over 64 KB, so in pieces), is the same value as before', async () => {
    expect(bytes.length).toBeGreaterThan(PIECES_FROM_BYTES);
    expect(parsedInPieces(bytes)).toBeDefined();
    expect(answerBodyOf(bytes)).toStrictEqual(await asBefore(bytes));
    const client = createHqClient({ url: 'http://hq.invalid', token: 't', fetch: () => Promise.resolve(new Response(bytes)) });
    const answer = await client.pull({ after: 0, limit: 1000, waitMs: 0 });
    expect(answer).toStrictEqual(page);
  });

  it.each([
    ['nothing', ''],
    ['only a byte-order mark', '\uFEFF'],
    ['a byte-order mark before a large page', `\uFEFF${JSON.stringify(page)}`],
    ['a page cut off', JSON.stringify(page).slice(0, 300_000)],
    ['a page with a stray comma', JSON.stringify(page).replace('},{', '},,{')],
    ['a page with a key named twice', JSON.stringify(page).replace('{"eventId"', '{"eventId":1,"eventId"')],
    ['a page followed by junk', `${JSON.stringify(page)} x`],
    ['text', 'Bad Gateway'],
  ])('given %s, is what it was before (null when not JSON)', async (_label, text) => {
    const answer = Buffer.from(text, 'utf8');
    expect(answerBodyOf(answer)).toStrictEqual(await asBefore(answer));
  });

  it('given bytes that are not UTF-8 inside a large page, decodes them as Response.text() did', async () => {
    const at = bytes.indexOf('환자 500');
    const answer = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe3, 0x81]), bytes.subarray(at, at + 3), Buffer.from([0xff]), bytes.subarray(at + 3)]);
    expect(answerBodyOf(answer)).toStrictEqual(await asBefore(answer));
    expect(JSON.stringify(answerBodyOf(answer))).toContain('\uFFFD');
  });

  it('refuses a page whose answer is not the protocol, and classifies a refusal whose body is not JSON as before', async () => {
    const client = (status: number, body: string) =>
      createHqClient({ url: 'http://hq.invalid', token: 't', fetch: () => Promise.resolve(new Response(Buffer.from(body), { status })) });
    await expect(client(200, JSON.stringify({ ...page, more: 'yes' })).pull({ after: 0, limit: 1000, waitMs: 0 })).rejects.toMatchObject({ failure: { kind: 'protocol' } });
    await expect(client(502, 'Bad Gateway').pull({ after: 0, limit: 1000, waitMs: 0 })).rejects.toMatchObject({
      failure: { kind: 'http', status: 502, code: null, message: 'HQ answered HTTP 502' },
    });
  });

  describe('cut off mid-read', () => {
    /** An answer whose body sends part of a page, then fails as fetch's body does when its signal aborts, or on its own. */
    const halfSent = (failOnItsOwn: boolean) => (_url: string | URL | Request, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 100_000));
          if (failOnItsOwn) controller.error(new TypeError('terminated'));
          else init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return Promise.resolve(new Response(body));
    };
    const query = { after: 0, limit: 1000, waitMs: 0 };

    it('given the connection dropped, is a network failure', async () => {
      const client = createHqClient({ url: 'http://hq.invalid', token: 't', fetch: halfSent(true) });
      await expect(client.pull(query)).rejects.toMatchObject({ failure: { kind: 'network', message: "HQ's answer was cut off: terminated" } });
    });

    it('given the desk stopped, is aborted', async () => {
      const stop = new AbortController();
      const client = createHqClient({ url: 'http://hq.invalid', token: 't', fetch: halfSent(false) });
      const pulling = client.pull(query, stop.signal);
      setTimeout(() => stop.abort(), 20);
      await expect(pulling).rejects.toMatchObject({ failure: { kind: 'aborted' } });
    });

    it('given the rest never came, is a timeout', async () => {
      const client = createHqClient({ url: 'http://hq.invalid', token: 't', fetch: halfSent(false), timeoutMs: 50 });
      await expect(client.pull(query)).rejects.toMatchObject({ failure: { kind: 'timeout', message: "HQ's answer to /v1/events?after=0&limit=1000&waitMs=0 did not arrive in time" } });
    });

    it('given a pull its own timeout (more time for a page on a slow link), waits that long plus the wait asked, not the client`s', async () => {
      const client = createHqClient({ url: 'http://hq.invalid', token: 't', fetch: halfSent(false), timeoutMs: 60_000 });
      const startedAt = performance.now();
      await expect(client.pull({ ...query, waitMs: 40 }, undefined, 50)).rejects.toMatchObject({ failure: { kind: 'timeout' } });
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(85);
    });
  });
});

describe("HQ's health, from an HQ one version apart", () => {
  const limits = { maxEventsPerPush: 2000, maxBodyBytes: 4_194_304, maxJsonDepth: 32, maxPullLimit: 1000, maxPullBytes: 8_388_608, maxWaitMs: 30_000, maxWaitingPullsPerDevice: 4 };
  const health = { ok: true, version: '0.2.0', logId: '0190a000-0000-7000-8000-0000000000ff', serverTime: '2026-12-02T16:45:00.000Z', minClientVersion: '0.0.0', limits };
  const answering = (body: unknown) =>
    createHqClient({ url: 'http://hq.invalid', token: 't', fetch: () => Promise.resolve(new Response(JSON.stringify(body))) }).health();

  it('given a newer HQ, with keys this desk does not know, reads what it knows and drops the rest', async () => {
    const { health: read } = await answering({ ...health, region: 'kr', limits: { ...limits, maxPushesPerMinute: 60 } });
    expect(read).toEqual(health);
  });

  it('given an older HQ, which publishes no page byte limit, reads its health all the same', async () => {
    const { maxPullBytes: _older, ...olderLimits } = limits;
    const { health: read } = await answering({ ...health, limits: olderLimits });
    expect(read.limits).toEqual(olderLimits);
  });

  it('refuses a health answer without a limit the desk needs, as not the protocol', async () => {
    const { maxPullLimit: _needed, ...lacking } = limits;
    await expect(answering({ ...health, limits: lacking })).rejects.toMatchObject({ failure: { kind: 'protocol' } });
  });
});
