/**
 * A push is joined from each pending event's UTF-8 JSON as the store reads it (SQLite joins it from
 * the stored texts), never parsed and serialised again: it must be exactly the bytes of
 * JSON.stringify of the envelope the store would read back, whatever the payload holds.
 */
import { describe, expect, it } from 'vitest';
import { tabCmd } from '../support/tab-commands.js';
import { openTabDesk, tempDir } from '../support/tab-desk.js';

describe('pending events read for a push', () => {
  it('carry the UTF-8 of JSON.stringify of their envelope, in local order, with what the batch is chosen by', () => {
    const desk = openTabDesk(tempDir('pending-texts'));
    try {
      const { store, headspring } = desk;
      const names = ['김민지 "VIP" \\ 백슬래시', '😀 emoji\u2028line', '   ', 'tab\tand\nnewline', 'A'.repeat(3000)];
      const streams = names.map((name) => headspring.execute(tabCmd('OpenTab', { name })).streamId);
      headspring.execute(tabCmd('AddCharge', { amount: 7 }, streams[0]));
      headspring.execute(tabCmd('AddCharge', { amount: Number.MAX_SAFE_INTEGER }, streams[1]));
      // an event with a tenant (the key goes right after eventId, as envelopeOf puts it)
      store.writer.prepare("UPDATE events SET tenant_id = 'tenant-1' WHERE position = 2").run();

      const stored = store.events.readPendingAfter(0, 100);
      const toPush = store.events.readPendingToPush(0, 100);
      expect(toPush).toHaveLength(7);
      expect(toPush.map((event) => Buffer.from(event.body).toString('utf8'))).toEqual(stored.map((event) => JSON.stringify(event.envelope)));
      expect(toPush.map(({ position, eventId, streamId, version, commandId }) => ({ position, eventId, streamId, version, commandId }))).toEqual(
        stored.map(({ position, envelope }) => ({ position, eventId: envelope.eventId, streamId: envelope.streamId, version: envelope.version, commandId: envelope.meta.commandId })),
      );
      expect(JSON.parse(Buffer.from(toPush[1]?.body ?? []).toString('utf8'))).toMatchObject({ tenantId: 'tenant-1' });
      // after a position, at most `limit`, pending only
      store.events.acknowledge([{ eventId: toPush[2]?.eventId ?? '', serverPosition: 1 }]);
      expect(store.events.readPendingToPush(toPush[0]?.position ?? 0, 2).map((event) => event.position)).toEqual([toPush[1]?.position, toPush[3]?.position]);
    } finally {
      desk.store.close();
    }
  });
});
