/**
 * HQ's logId: one UUID per database, made when it was created and kept in it, served by health
 * and by every pull answer, so a desk notices when it talks to another log (SYNC-SEQUENCES 10).
 */
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { HealthResponseSchema, PullResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { hqRequest, pull, push } from '../../support/hq-client.js';
import { envelope, newStreamId } from '../../support/hq-fixtures.js';
import { startHqServer } from '../../support/hq-server.js';
import { isMessage } from '../../support/log-lines.js';
import type { ContractContext } from './context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NEVER_MS = 100_000;

const logIdOf = async (url: string): Promise<string> => HealthResponseSchema.parse((await hqRequest(url, '/v1/health')).body).logId;

export const logIdContract = (ctx: ContractContext): void => {
  describe('logId', () => {
    it('names the log in health and in every pull answer (short, paged, long-polled): one UUID per database', async () => {
      const { desk } = await ctx.newClinic();
      const logId = await logIdOf(ctx.url);
      expect(logId).toMatch(UUID);
      expect(logId).toBe(ctx.store.logId);

      const empty = PullResponseSchema.parse((await pull(ctx.url, desk.token)).body);
      const requestId = `log-id-${v7()}`;
      const waiting = pull(ctx.url, desk.token, { after: 0, waitMs: NEVER_MS }, { headers: { 'x-request-id': requestId } });
      await ctx.hq.logs.waitFor(isMessage('pull waiting', { reqId: requestId }));
      const events = [1, 2].map((version) => envelope({ streamId: newStreamId(), version: 1, installationId: desk.installationId, data: { version } }));
      await push(ctx.url, desk.token, { deviceId: desk.installationId, appVersion: '0.1.0', events });
      const woken = PullResponseSchema.parse((await waiting).body);
      const paged = PullResponseSchema.parse((await pull(ctx.url, desk.token, { after: 0, limit: 1 })).body);
      expect([empty, woken, paged].map((page) => page.logId)).toEqual([logId, logId, logId]);
      expect(paged.more).toBe(true);
    });

    it('keeps the logId across restarts, and another database has another one', async () => {
      const reopened = await ctx.db.open();
      try {
        expect(reopened.logId).toBe(ctx.store.logId);
        const restarted = await startHqServer(reopened);
        try {
          expect(await logIdOf(restarted.url)).toBe(ctx.store.logId);
        } finally {
          await restarted.stop();
        }
      } finally {
        await reopened.close();
      }
      const other = await (await ctx.newDatabase()).open();
      try {
        expect(other.logId).toMatch(UUID);
        expect(other.logId).not.toBe(ctx.store.logId);
      } finally {
        await other.close();
      }
    });
  });
};
