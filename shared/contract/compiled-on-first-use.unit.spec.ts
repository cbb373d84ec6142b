import { describe, expect, it } from 'vitest';
import { compiledOnFirstUse } from './compiled-on-first-use.js';
import { PullResponseSchema } from './sync-protocol.js';

const at = '2026-12-01T06:00:00.000Z';
const pulled = (n: number) => ({
  eventId: `0194f5a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
  tenantId: '0194f5a0-0000-7000-8000-00000000aaaa',
  streamType: 'visit',
  streamId: '0194f5a0-0000-7000-8000-00000000bbbb',
  version: n,
  type: 'MemoAdded',
  schemaVersion: 1,
  data: { memo: `메모 ${n}` },
  meta: {
    commandId: '0194f5a0-0000-7000-8000-00000000cccc',
    processId: '0194f5a0-0000-7000-8000-00000000cccc',
    initiator: '0194f5a0-0000-7000-8000-00000000dddd',
    predecessorId: '0194f5a0-0000-7000-8000-00000000cccc',
    deviceId: '0194f5a0-0000-7000-8000-00000000eeee',
    raisedAt: at,
    appVersion: '1.0.0',
  },
  serverPosition: n,
  receivedAt: at,
});
const page = { logId: '0194f5a0-0000-7000-8000-00000000ffff', events: [pulled(1), pulled(2)], head: 2, more: false };

describe('compiledOnFirstUse', () => {
  it('given a schema, when asked twice, then it compiles once and hands back the same schema', () => {
    const pullAnswer = compiledOnFirstUse(PullResponseSchema);
    expect(pullAnswer()).toBe(pullAnswer());
    expect(pullAnswer()).not.toBe(PullResponseSchema);
  });

  it('given a valid pull page, when checked compiled, then the value is the schema’s', () => {
    const compiled = compiledOnFirstUse(PullResponseSchema)();
    expect(compiled.safeParse(page)).toEqual(PullResponseSchema.safeParse(page));
  });

  it.each([
    ['an upper-case command id', (p: typeof page) => (p.events[1]!.meta.commandId = p.events[1]!.meta.commandId.toUpperCase())],
    ['-0 in the data', (p: typeof page) => (p.events[0]!.data = { memo: -0 } as unknown as { memo: string })],
    ['an extra field', (p: typeof page) => Object.assign(p.events[0]!, { extra: 1 })],
    ['a position of zero', (p: typeof page) => (p.events[1]!.serverPosition = 0)],
  ])('given a page with %s, when checked compiled, then it is refused with the schema’s own issues', (_name, spoil) => {
    const bad = structuredClone(page);
    spoil(bad);
    const compiled = compiledOnFirstUse(PullResponseSchema)().safeParse(bad);
    const written = PullResponseSchema.safeParse(bad);
    expect(compiled.success).toBe(false);
    expect(compiled.error?.issues).toEqual(written.error?.issues);
  });
});
