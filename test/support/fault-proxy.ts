/**
 * A fault-injecting TCP proxy between desks and a real HQ process, on loopback only. Each new
 * connection takes the fault chosen for it when it opens:
 *   pass           forwards both ways
 *   refuse         accepted and closed at once (the desk sees a reset)
 *   delay          forwards with `delayMs` added to every chunk
 *   cut            forwards the request, then only part of the answer before closing both ends
 *   lose-response  forwards the request; HQ commits and answers, the answer never arrives
 *   pause          holds every byte until resume() (or the proxy closes)
 * `down()` stops listening (connection refused) and drops every open connection; `up()` listens
 * again on the same port. Every timer is bounded; close() ends everything.
 */
import net from 'node:net';

export type Fault = 'pass' | 'refuse' | 'delay' | 'cut' | 'lose-response' | 'pause';

export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  /** The fault each new connection gets (a function may vary it per connection). */
  setFault: (fault: Fault | ((connection: number) => Fault)) => void;
  readonly delayMs: number;
  setDelay: (ms: number) => void;
  resume: () => void;
  /** Ends every open connection (kept-alive ones too), so the next request meets the current fault. */
  dropConnections: () => void;
  down: () => Promise<void>;
  up: () => Promise<void>;
  /** How many connections each fault was applied to. */
  readonly applied: () => Readonly<Record<Fault, number>>;
  close: () => Promise<void>;
}

export const startFaultProxy = async (target: { host: string; port: number }): Promise<FaultProxy> => {
  let choose: (connection: number) => Fault = () => 'pass';
  let delayMs = 200;
  let connections = 0;
  const counts: Record<Fault, number> = { pass: 0, refuse: 0, delay: 0, cut: 0, 'lose-response': 0, pause: 0 };
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

  const handle = (client: net.Socket): void => {
    track(client);
    const fault = choose(++connections);
    counts[fault] += 1;
    if (fault === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    let held: (() => void)[] | null = fault === 'pause' ? [] : null;
    if (held) {
      const release = (): void => {
        const queued = held ?? [];
        held = null;
        for (const send of queued) send();
      };
      paused.add(release);
    }
    const forward = (from: net.Socket, to: net.Socket, direction: 'request' | 'response'): void => {
      let answered = 0;
      from.on('data', (chunk: Buffer) => {
        const send = (): void => {
          if (to.destroyed) return;
          if (direction === 'response' && fault === 'lose-response') {
            // HQ has answered, so it has committed: the desk never hears of it.
            end();
            return;
          }
          if (direction === 'response' && fault === 'cut') {
            const part = chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2)));
            if (answered === 0) to.write(part);
            answered += part.length;
            later(5, end);
            return;
          }
          to.write(chunk);
        };
        if (held) held.push(send);
        else if (fault === 'delay') later(delayMs, send);
        else send();
      });
    };
    forward(client, upstream, 'request');
    forward(upstream, client, 'response');
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

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFault: (fault) => {
      choose = typeof fault === 'function' ? fault : () => fault;
    },
    get delayMs() {
      return delayMs;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    resume: () => {
      for (const release of [...paused]) release();
      paused.clear();
    },
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
    applied: () => ({ ...counts }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const release of [...paused]) release();
      dropAll();
      if (listening) {
        listening = false;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
};
