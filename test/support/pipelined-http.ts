/**
 * HTTP/1.1 over a raw socket, for what fetch cannot do: several requests pipelined on one
 * connection, so a second request reaches the server while the first is still in flight.
 */
import net from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RawConnection {
  readonly send: (method: string, path: string, options?: { readonly headers?: Record<string, string>; readonly body?: string }) => void;
  /** Resolves once `count` whole responses have arrived. */
  readonly responses: (count: number) => Promise<RawResponse[]>;
  readonly close: () => void;
}

const parse = (buffer: Buffer): { responses: RawResponse[]; rest: Buffer } => {
  const responses: RawResponse[] = [];
  let rest = buffer;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine = '', ...lines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < headEnd + 4 + length) break;
    responses.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body: rest.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8'),
    });
    rest = rest.subarray(headEnd + 4 + length);
  }
  return { responses, rest };
};

export const openRawConnection = (url: string): Promise<RawConnection> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    let pending: Buffer = Buffer.alloc(0);
    const received: RawResponse[] = [];
    const waiters: { count: number; resolve: (all: RawResponse[]) => void }[] = [];
    socket.on('data', (chunk: Buffer) => {
      const parsed = parse(Buffer.concat([pending, chunk]));
      pending = parsed.rest;
      received.push(...parsed.responses);
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(received.slice(0, waiter.count));
        }
      }
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        send: (method, path, options = {}) => {
          const body = options.body ?? '';
          const headers = { host: hostname, 'content-length': String(Buffer.byteLength(body)), ...options.headers };
          const head = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`)].join('\r\n');
          socket.write(`${head}\r\n\r\n${body}`);
        },
        responses: (count) =>
          received.length >= count ? Promise.resolve(received.slice(0, count)) : new Promise((done) => waiters.push({ count, resolve: done })),
        close: () => socket.destroy(),
      }),
    );
  });
