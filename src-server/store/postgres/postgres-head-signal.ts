/**
 * Long-poll wake-ups across HQ processes: one connection per process LISTENs on HEAD_CHANNEL;
 * every push that stores events NOTIFYs its tenant id inside its transaction, and PostgreSQL
 * delivers it after the commit to every listener, this process included. So a reader woken here
 * always finds the events it was woken for.
 *
 * If the listening connection drops, notifications sent meanwhile are lost: after reconnecting,
 * every watcher is woken once to read again (a spurious wake-up costs one query; a lost one would
 * cost a whole long-poll).
 */
import pg from 'pg';
import { createLocalHeadSignal, type LocalHeadSignal } from '../local-head-signal.js';

export const HEAD_CHANNEL = 'hq_tenant_head';

export interface PostgresHeadSignal extends LocalHeadSignal {
  readonly close: () => Promise<void>;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export const startPostgresHeadSignal = async (
  connectionString: string,
  onBackgroundError: (error: Error) => void,
): Promise<PostgresHeadSignal> => {
  const local = createLocalHeadSignal();
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === HEAD_CHANNEL && message.payload) local.announce(message.payload);
    });
    next.on('error', (error) => {
      onBackgroundError(error);
      lost(next);
    });
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${HEAD_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    retryMs = RECONNECT_MIN_MS;
  };

  const lost = (which: pg.Client) => {
    if (closed || client !== which) return;
    client = undefined;
    which.end().catch(() => undefined);
    schedule();
  };

  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        // anything announced while we were deaf is re-read by every watcher
        () => local.announceAll(),
        (error: unknown) => {
          if (error instanceof Error) onBackgroundError(error);
          retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
          schedule();
        },
      );
    }, retryMs);
  };

  await connect();
  return {
    ...local,
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end();
    },
  };
};
