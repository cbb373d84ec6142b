/**
 * `hq serve`: opens the store, listens, prints `HQ listening on http://<host>:<port>` on stdout
 * once ready, logs JSON lines (pino) on stderr, and shuts down gracefully on SIGTERM or SIGINT.
 */
import { createHqApp, listenHq } from '../http/hq-app.js';
import type { HqSettings } from '../settings.js';
import type { HqStore } from '../store/hq-store.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly settings: HqSettings;
}

export const serve = async (openStore: (onBackgroundError: (error: Error) => void) => Promise<HqStore>, options: ServeOptions): Promise<void> => {
  // connection errors of idle or listening connections go to the server's log once it exists
  const background = { report: (error: Error): void => console.error(error) };
  const store = await openStore((error) => background.report(error));
  const running = createHqApp({ store, settings: options.settings, log: { level: options.logLevel, destination: process.stderr } });
  background.report = (error) => running.log.error({ err: error }, 'database connection error');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down: finishing requests in flight');
    running.close().then(
      () => {
        running.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        running.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const url = await listenHq(running, options.host, options.port);
  running.log.info({ url, store: store.kind, location: store.location, minClientVersion: options.settings.minClientVersion }, 'HQ ready');
  process.stdout.write(`HQ listening on ${url}\n`);
};
