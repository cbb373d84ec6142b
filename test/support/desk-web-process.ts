/**
 * `src-main/web/main.ts` (what `npm run desk:web` runs) as a child process: started, waited on
 * until it prints its ready line, and always stopped.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnTs } from './child-process.js';

export interface DeskWebProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly session: string;
  readonly pageUrl: string;
  readonly stderr: () => string;
  /** Sends `signal` and resolves with the exit code. */
  readonly stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const READY = /^Desk ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?session=([A-Za-z0-9_-]+))$/m;

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/** Starts the host; rejects with its output when it exits before it is ready. */
export const startDeskWeb = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<DeskWebProcess> =>
  new Promise((resolve, reject) => {
    const child = spawnTs('src-main/web/main.ts', args, env);
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = READY.exec(stdout);
      if (!ready) return;
      resolve({
        child,
        pageUrl: ready[1] ?? '',
        port: Number(ready[2]),
        session: ready[3] ?? '',
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          const done = exited(child);
          child.kill(signal);
          return done;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`desk:web exited with ${String(code)} before it was ready:\n${stdout}\n${stderr}`)));
  });

/** Runs the host expecting it to fail: its exit code and output. */
export const runDeskWebToEnd = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawnTs('src-main/web/main.ts', args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
