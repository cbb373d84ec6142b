/**
 * `hq serve` as a process on the suite's database: on SQLite it holds its data folder's lock (its
 * long-poll wake-ups are in-process, so a second serving HQ on the file is refused) while CLI
 * commands still run beside it; on PostgreSQL there is no folder and several serve one database.
 * Either way a restarted HQ serves the same logId, kept in the database.
 */
import { describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '../../../shared/contract/sync-protocol.js';
import { hqRequest } from '../../support/hq-client.js';
import { runHqCli, startHqProcess, type HqProcess } from '../../support/hq-process.js';
import type { ContractContext } from './context.js';

const logIdOf = async (hq: HqProcess): Promise<string> => HealthResponseSchema.parse((await hqRequest(hq.url, '/v1/health')).body).logId;

export const serveContract = (ctx: ContractContext): void => {
  describe('hq serve', () => {
    it('locks a SQLite data folder (a second serve exits 1 saying why; CLI commands run beside it) but not a PostgreSQL database; a restart keeps the logId', async () => {
      const started: HqProcess[] = [];
      try {
        const first = await startHqProcess(ctx.db.cli, { logLevel: 'info' });
        started.push(first);
        expect(await logIdOf(first)).toBe(ctx.store.logId);

        if (ctx.db.kind === 'SQLite') {
          await expect(startHqProcess(ctx.db.cli, { logLevel: 'info' })).rejects.toThrow(
            /exited before it was ready \(code 1,.*hq: The data folder .* is in use by another HQ serve process/,
          );
        } else {
          const second = await startHqProcess(ctx.db.cli, { logLevel: 'info' });
          started.push(second);
          expect(await logIdOf(second)).toBe(ctx.store.logId);
        }
        const beside = await runHqCli(ctx.db.cli, ['tenant', 'add', 'Beside a serving HQ']);
        expect({ code: beside.code, stderr: beside.stderr }).toEqual({ code: 0, stderr: '' });

        // stopped (or killed: the OS drops the lock with the process), the folder serves again
        await first.kill();
        const restarted = await startHqProcess(ctx.db.cli, { logLevel: 'info' });
        started.push(restarted);
        expect(await logIdOf(restarted)).toBe(ctx.store.logId);
      } finally {
        await Promise.all(started.map((hq) => hq.stop()));
      }
    });
  });
};
