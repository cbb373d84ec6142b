/**
 * `npm run desk:web`: the desk in a browser. Opens DeskCore on the data folder (its exclusive lock
 * refuses a folder another desk process holds), serves it on 127.0.0.1, prints
 * `Desk ready at http://127.0.0.1:<port>/?session=<secret>` and runs until SIGINT or SIGTERM, which
 * close the host and then DeskCore cleanly. Exit codes: 0 after a signal, 1 when the desk cannot
 * open, 2 for a bad command line.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataFolderInUseError } from '../../src-node/data-folder-lock.js';
import { openDeskCore } from '../core/desk-core.js';
import { createFileSecretStore } from './file-secrets.js';
import { startDeskWebHost } from './host.js';
import { parseWebHostArgs, USAGE } from './options.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const SYNC_TIMEOUT_MS = 5_000;

const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
};

const main = async (): Promise<number> => {
  const parsed = parseWebHostArgs(process.argv.slice(2), process.env, path.join(REPO, 'out', 'renderer'));
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`desk:web: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

  let core;
  try {
    core = await openDeskCore({
      dataDir: options.dataDir,
      appVersion: version,
      secrets: createFileSecretStore(path.join(options.dataDir, 'secrets')),
      demo: options.demo,
      ...(options.hq === null ? {} : { hq: options.hq }),
    });
  } catch (error) {
    if (error instanceof DataFolderInUseError) process.stderr.write(`desk:web: ${error.message}\n`);
    else process.stderr.write(`desk:web: cannot open the desk in ${options.dataDir}: ${String(error)}\n`);
    return 1;
  }

  const opened = core;
  let host;
  try {
    host = await startDeskWebHost({
      core: opened,
      session: options.session ?? randomBytes(32).toString('base64url'),
      rendererDir: options.rendererDir,
      port: options.port,
      log,
    });
  } catch (error) {
    process.stderr.write(`desk:web: cannot listen on 127.0.0.1:${options.port}: ${String(error)}\n`);
    await opened.close({ syncTimeoutMs: 0 });
    return 1;
  }

  const running = host;
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
      stopping = true;
      log(`${signal}: closing the desk`);
      void (async () => {
        await running.close();
        await opened.close({ syncTimeoutMs: SYNC_TIMEOUT_MS });
        log('desk closed');
        resolve(0);
      })().catch((error: unknown) => {
        log(`closing failed: ${String(error)}`);
        resolve(1);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  process.stdout.write(`Desk ready at ${running.pageUrl}\n`);
  return stopped;
};

const code = await main();
process.exitCode = code;
// Exit by itself once everything is closed; a forgotten timer somewhere must not keep it alive.
setTimeout(() => process.exit(code), 1_000).unref();
