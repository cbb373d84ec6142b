import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../shared/eventsourcing/index.js';
import { tabCmd } from '../support/tab-commands.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';
import { dumpTabReadModels } from '../support/tab-projection.js';

/** A command against the n-th tab opened so far (modulo), or a new tab. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), name: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('charge' as const), tab: fc.nat(), amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('charges' as const), tab: fc.nat(), amounts: fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('pay' as const), tab: fc.nat(), amount: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('close' as const), tab: fc.nat() }),
);

describe('read models (property)', () => {
  it('rebuilding from the log equals the inline read models after any command sequence', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const desk = openTabDesk(tempDir('property'));
        try {
          const tabs: string[] = [];
          for (const s of steps) {
            const target = s.kind === 'open' ? undefined : tabs[s.tab % Math.max(tabs.length, 1)];
            const command =
              s.kind === 'open'
                ? tabCmd('OpenTab', { name: s.name })
                : s.kind === 'charge'
                  ? tabCmd('AddCharge', { amount: s.amount }, target ?? 'missing')
                  : s.kind === 'charges'
                    ? tabCmd('AddCharges', { amounts: s.amounts }, target ?? 'missing')
                    : s.kind === 'pay'
                      ? tabCmd('TakePayment', { amount: s.amount }, target ?? 'missing')
                      : tabCmd('CloseTab', {}, target ?? 'missing');
            try {
              const result = desk.headspring.execute(command);
              if (s.kind === 'open') tabs.push(result.streamId);
            } catch (error) {
              if (!isDomainError(error)) throw error; // refused commands are part of the sequence
            }
          }
          const inline = dumpTabReadModels(desk.store.reader);
          desk.store.events.projections.rebuildAll();
          expect(dumpTabReadModels(desk.store.reader)).toEqual(inline);
          // and the read model agrees with the streams' own state
          for (const id of tabs) {
            const state = desk.headspring.load(id).state as { charged: number; paid: number };
            expect(inline.totals).toContainEqual(expect.objectContaining({ stream_id: id, charged: state.charged, paid: state.paid }));
          }
        } finally {
          desk.store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
