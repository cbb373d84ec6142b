/**
 * Plain HTTP requests to a host on 127.0.0.1, with any headers — including the Host and Origin a
 * browser would never let a test forge — and a reader for server-sent events.
 */
import http, { type IncomingHttpHeaders } from 'node:http';

export interface LoopbackResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface LoopbackRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export const loopbackRequest = (port: number, request: LoopbackRequest = {}): Promise<LoopbackResponse> =>
  new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method ?? 'GET',
        path: request.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...request.headers },
        setHost: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // A server may answer (413) and close before a large body is fully written.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });

export interface EventStream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Everything received so far. */
  readonly text: () => string;
  /** Resolves once the received text matches. */
  readonly waitFor: (pattern: RegExp) => Promise<string>;
  readonly close: () => void;
}

/** Opens GET `path` and keeps reading; resolves once the response head arrived. */
export const openEventStream = (port: number, path: string, headers: Record<string, string> = {}): Promise<EventStream> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, accept: 'text/event-stream', ...headers }, setHost: false },
      (res) => {
        let text = '';
        const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
        const check = (): void => {
          for (const waiter of [...waiters]) {
            if (waiter.pattern.test(text)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(text);
            }
          }
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          check();
        });
        res.on('error', () => {});
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: () => text,
          waitFor: (pattern) =>
            new Promise((done) => {
              waiters.push({ pattern, resolve: done });
              check();
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
