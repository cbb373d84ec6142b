/**
 * A fault-injecting HTTP/1.1 proxy between desks and a real HQ process, on loopback only. Each
 * request (recognised by its request line, also on a kept-alive connection) gets the fault chosen
 * for it, which may depend on its method and path:
 *   pass           forwards both ways
 *   refuse         the connection is closed at once (the desk sees a reset)
 *   delay          forwards with `delayMs` added to every chunk
 *   slow           forwards the request at `bytesPerSecond` (a slow uplink), the answer as it comes
 *   slow-down      forwards the request as it comes, the answer at `bytesPerSecond` (a slow downlink)
 *   cut            forwards the request, then only part of the answer before closing
 *   lose-response  forwards the request; HQ commits and answers, the answer never arrives
 *   pause          holds the request until resume() (or the proxy closes)
 * `down()` stops listening (connection refused) and drops every open connection; `up()` listens
 * again on the same port. Every timer is bounded; close() ends everything. It also records each
 * request line it saw, so tests can tell what a desk sent.
 */
import net from 'node:net';

export type Fault = 'pass' | 'refuse' | 'delay' | 'slow' | 'slow-down' | 'cut' | 'lose-response' | 'pause';

export interface RequestSeen {
  readonly connection: number;
  readonly method: string;
  readonly path: string;
}

export type FaultChoice = Fault | ((request: RequestSeen) => Fault);

export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  setFault: (fault: FaultChoice) => void;
  setDelay: (ms: number) => void;
  /** The pace of the slowed direction: the uplink's for `slow`, the downlink's for `slow-down`; a change holds from the next tick. */
  setRate: (bytesPerSecond: number) => void;
  resume: () => void;
  /** Ends every open connection (kept-alive ones too). */
  dropConnections: () => void;
  down: () => Promise<void>;
  up: () => Promise<void>;
  /** Every request line seen, with the fault it got. */
  readonly seen: () => readonly (RequestSeen & { readonly fault: Fault })[];
  close: () => Promise<void>;
}

const SLOW_TICK_MS = 20;

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) (\S+) HTTP\/1\.[01]\r\n/;

export const startFaultProxy = async (target: { host: string; port: number }): Promise<FaultProxy> => {
  let choose: (request: RequestSeen) => Fault = () => 'pass';
  let delayMs = 200;
  let bytesPerSecond = 100_000;
  let connections = 0;
  const log: (RequestSeen & { fault: Fault })[] = [];
  const sockets = new Set<net.Socket>();
  const paused = new Set<() => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  /**
   * Writes to `socket` at `bytesPerSecond`: a slice every SLOW_TICK_MS, so the pace holds across
   * chunks too. A slice is as long as the time since the last one allows (up to a second's worth):
   * the desks share this process's event loop, and a desk applying a page delays the ticks, where
   * a real link would have gone on carrying bytes meanwhile.
   */
  const paced = (socket: net.Socket) => {
    const waiting: Buffer[] = [];
    let sending = false;
    let lastSliceAt = 0;
    const sendSlowly = (): void => {
      sending = false;
      if (socket.destroyed) return;
      const now = performance.now();
      const elapsedMs = Math.min(Math.max(now - lastSliceAt, SLOW_TICK_MS), 1_000);
      lastSliceAt = now;
      let room = Math.max(1, Math.floor((bytesPerSecond * elapsedMs) / 1000));
      const perTick = room;
      while (room > 0 && waiting.length > 0) {
        const next = waiting[0] as Buffer;
        const slice = next.subarray(0, room);
        socket.write(slice);
        room -= slice.length;
        if (slice.length === next.length) waiting.shift();
        else waiting[0] = next.subarray(slice.length);
      }
      if (room < perTick) {
        sending = true;
        later(SLOW_TICK_MS, sendSlowly);
      }
    };
    return {
      write: (chunk: Buffer): void => {
        waiting.push(chunk);
        if (sending) return;
        // from idle: the first slice goes once the tick it takes is over (a short answer is not instant either)
        sending = true;
        lastSliceAt = performance.now();
        later(SLOW_TICK_MS, sendSlowly);
      },
      /** Bytes are still waiting to go. */
      busy: (): boolean => waiting.length > 0,
    };
  };

  const handle = (client: net.Socket): void => {
    track(client);
    const connection = ++connections;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    /** The fault of the request now on this connection. */
    let current: Fault = 'pass';
    let held: (() => void)[] | null = null;
    let answered = false;
    const uplink = paced(upstream);
    const downlink = paced(client);

    client.on('data', (chunk: Buffer) => {
      const line = REQUEST_LINE.exec(chunk.subarray(0, 300).toString('latin1'));
      if (line) {
        const request = { connection, method: line[1] as string, path: line[2] as string };
        current = choose(request);
        log.push({ ...request, fault: current });
        answered = false;
        if (current === 'refuse') {
          end();
          return;
        }
        if (current === 'pause' && held === null) {
          const queue: (() => void)[] = [];
          held = queue;
          paused.add(() => {
            held = null;
            for (const send of queue) send();
          });
        }
      }
      const send = (): void => void (!upstream.destroyed && upstream.write(chunk));
      if (held) held.push(send);
      else if (current === 'delay') later(delayMs, send);
      else if (current === 'slow') uplink.write(chunk);
      else send();
    });

    upstream.on('data', (chunk: Buffer) => {
      const send = (): void => {
        if (client.destroyed) return;
        if (current === 'lose-response') {
          // HQ has answered, so it has committed: the desk never hears of it.
          end();
          return;
        }
        if (current === 'cut') {
          if (!answered) client.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
          answered = true;
          later(5, end);
          return;
        }
        client.write(chunk);
      };
      if (current === 'delay') later(delayMs, send);
      // an answer that began slowly stays slow to its end (and nothing overtakes it)
      else if (current === 'slow-down' || downlink.busy()) downlink.write(chunk);
      else send();
    });
  };

  let server = net.createServer(handle);
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(0);
  let listening = true;

  const dropAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  const resume = (): void => {
    for (const release of [...paused]) release();
    paused.clear();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFault: (fault) => {
      choose = typeof fault === 'function' ? fault : () => fault;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    setRate: (rate) => {
      bytesPerSecond = rate;
    },
    resume,
    dropConnections: dropAll,
    down: async () => {
      if (!listening) return;
      listening = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        dropAll();
      });
    },
    up: async () => {
      if (listening) return;
      server = net.createServer(handle);
      await listen(port);
      listening = true;
    },
    seen: () => [...log],
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      resume();
      dropAll();
      if (listening) {
        listening = false;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
};
