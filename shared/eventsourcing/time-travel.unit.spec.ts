import { describe, expect, it } from 'vitest';
import { tabCommand, tabKernel } from './testing/kernel-harness.js';

describe('time travel', () => {
  const setUp = () => {
    const kernel = tabKernel();
    const t = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const { streamId } = kernel.headspring.execute(tabCommand('OpenTab', { name: 'Kim' }, { issuedAt: t(0) }));
    kernel.headspring.execute(tabCommand('AddCharge', { amount: 10 }, { streamId, issuedAt: t(10) }));
    kernel.headspring.execute(tabCommand('TakePayment', { amount: 4 }, { streamId, issuedAt: t(20) }));
    return { ...kernel, streamId, t };
  };

  it('shows the state after a given version', () => {
    const { headspring, streamId } = setUp();
    expect(headspring.stateAt(streamId, { version: 0 })).toMatchObject({ version: 0, state: { status: 'none' } });
    expect(headspring.stateAt(streamId, { version: 2 })).toMatchObject({ version: 2, state: { charged: 10, paid: 0 } });
    expect(() => headspring.stateAt(streamId, { version: 4 })).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('shows the longest prefix raised at or before an instant', () => {
    const { headspring, streamId, t } = setUp();
    expect(headspring.stateAt(streamId, { at: '2026-11-25T09:59:59.999Z' }).version).toBe(0);
    expect(headspring.stateAt(streamId, { at: '2026-11-25T10:10:00Z' }).version).toBe(2);
    expect(headspring.stateAt(streamId, { at: t(19) })).toMatchObject({ version: 2, state: { paid: 0 } });
    expect(headspring.stateAt(streamId, { at: t(59) })).toMatchObject({ version: 3, state: { paid: 4 } });
  });

  it('stops at the first event raised later, even if a later version was raised earlier', () => {
    const { headspring, streamId, t } = setUp();
    // A rebased command keeps its original issuedAt, so raisedAt need not grow with version.
    headspring.execute(tabCommand('AddCharge', { amount: 1 }, { streamId, issuedAt: t(5) }));
    expect(headspring.stateAt(streamId, { at: t(7) }).version).toBe(1);
  });

  it('answers NOT_FOUND for a stream that does not exist', () => {
    const { headspring } = tabKernel();
    expect(() => headspring.stateAt('nope', { version: 1 })).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => headspring.history('nope')).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
