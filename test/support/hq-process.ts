/**
 * HQ as a real child process (`node --import tsx src-server/cli.ts serve`), as `npm run hq -- serve`
 * runs it: started on port 0, ready when it prints its "HQ listening on" line, its JSON logs
 * (stderr) collected for tests to await.
 */
import type { ChildProcess } from 'node:child_process';
import { runTs, spawnBundle, spawnTs } from './child-process.js';
import { LogLines } from './log-lines.js';

export interface HqProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: LogLines;
  readonly stdout: () => string;
  /** Resolves with the exit code and signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for the exit. */
  readonly stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly kill: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface HqTarget {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export const CLI = 'src-server/cli.ts';

/** Children still running when the test worker exits are killed, whatever the test forgot. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface HqProcessOptions {
  /** debug (the default) makes the process log 'pull waiting', which tests await. */
  readonly logLevel?: string;
  readonly extraArgs?: readonly string[];
  /** The CLI bundled into one file (the benchmarks: a start without loading TypeScript and hundreds of modules); by default the TypeScript CLI, as `npm run hq` runs it. */
  readonly bundle?: string;
}

export const startHqProcess = (target: HqTarget, options: HqProcessOptions = {}): Promise<HqProcess> =>
  new Promise((resolve, reject) => {
    const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--log-level', options.logLevel ?? 'debug', ...target.args, ...(options.extraArgs ?? [])];
    const child = options.bundle ? spawnBundle(options.bundle, args, target.env) : spawnTs(CLI, args, target.env);
    running.add(child);
    const logs = new LogLines();
    let stdout = '';
    let ready = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.on('exit', (code, signal) => {
        running.delete(child);
        done({ code, signal });
      });
    });
    child.stderr?.on('data', (chunk: Buffer) => logs.feed(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^HQ listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match?.[1] && !ready) {
        ready = true;
        const end = async (signal: NodeJS.Signals) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        };
        resolve({ url: match[1], child, logs, stdout: () => stdout, exited, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') });
      }
    });
    child.on('error', reject);
    void exited.then(({ code, signal }) => {
      if (!ready) reject(new Error(`HQ exited before it was ready (code ${code}, signal ${signal}): ${JSON.stringify(logs.lines.slice(-5))} ${stdout}`));
    });
  });

/** Runs one CLI command (tenant / device) to completion. */
export const runHqCli = (target: HqTarget, args: readonly string[]) => runTs(CLI, [...args, ...target.args], { ...target.env });

export const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';
