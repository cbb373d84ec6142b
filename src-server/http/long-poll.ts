/**
 * Long-polls of GET /v1/events. A waiting pull holds no database connection: it watches its
 * tenant's head signal and reads again when woken. The watch starts before the first read, and a
 * wake-up that arrives during a read makes the loop read again instead of sleeping, so no push can
 * slip between "read nothing" and "start waiting".
 *
 * One device may hold a few waiting pulls per process (a desk needs one); beyond that it gets 429.
 * On shutdown every waiting pull answers at once with what it has.
 */
import { HqError } from './errors.js';

export interface LongPollRequest<Page> {
  readonly deviceId: string;
  readonly tenantId: string;
  readonly waitMs: number;
  readonly read: () => Promise<Page>;
  /** Aborted when the client goes away: stop waiting and free the slot. */
  readonly gone: AbortSignal;
  /** Called once, when the first read found nothing and the pull starts to wait. */
  readonly onWaiting?: () => void;
}

export interface LongPolls {
  readonly wait: <Page extends { readonly events: { readonly count: number } }>(request: LongPollRequest<Page>) => Promise<Page>;
  /** Ends every wait now and answers later ones without waiting (shutdown). */
  readonly release: () => void;
  readonly waitingCount: () => number;
}

export interface LongPollOptions {
  readonly watchHead: (tenantId: string, onAdvance: () => void) => () => void;
  readonly maxPerDevice: number;
}

export const createLongPolls = ({ watchHead, maxPerDevice }: LongPollOptions): LongPolls => {
  const perDevice = new Map<string, number>();
  const pokes = new Set<() => void>();
  let released = false;

  return {
    wait: async ({ deviceId, tenantId, waitMs, read, gone, onWaiting }) => {
      const held = perDevice.get(deviceId) ?? 0;
      if (held >= maxPerDevice) {
        throw new HqError('RATE_LIMITED', `This device already holds ${held} waiting pulls; wait for one to answer`, 1);
      }
      perDevice.set(deviceId, held + 1);
      let woken = false;
      let wake: (() => void) | undefined;
      const poke = () => {
        woken = true;
        wake?.();
      };
      pokes.add(poke);
      const unwatch = watchHead(tenantId, poke);
      gone.addEventListener('abort', poke);
      const deadline = performance.now() + waitMs;
      let announced = false;
      try {
        for (;;) {
          const page = await read();
          const left = deadline - performance.now();
          if (page.events.count > 0 || released || gone.aborted || left <= 0) return page;
          if (woken) {
            // poked while reading: the read may have missed what the poke announced
            woken = false;
            continue;
          }
          if (!announced) {
            announced = true;
            onWaiting?.();
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, left);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          woken = false;
        }
      } finally {
        unwatch();
        pokes.delete(poke);
        gone.removeEventListener('abort', poke);
        const count = (perDevice.get(deviceId) ?? 1) - 1;
        if (count === 0) perDevice.delete(deviceId);
        else perDevice.set(deviceId, count);
      }
    },
    release: () => {
      released = true;
      for (const poke of [...pokes]) poke();
    },
    waitingCount: () => pokes.size,
  };
};
