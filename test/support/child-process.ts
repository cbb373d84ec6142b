import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** `BENCH_CPU_PROF=<dir>` (npm run bench): each child writes a CPU profile there as it exits. */
const profiling = (): string[] => {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
};

const spawnNode = (nodeArgs: readonly string[], env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, [...profiling(), ...nodeArgs], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Starts a TypeScript file of this repo in a fresh Node process (via tsx). */
export const spawnTs = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess =>
  spawnNode(['--import', 'tsx', path.join(REPO_ROOT, script), ...args], env);

/** Starts a bundled JavaScript file in a fresh Node process (no TypeScript compiled on the way). */
export const spawnBundle = (file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess => spawnNode([file, ...args], env);

/** Runs a TypeScript file to completion and returns its exit code and output. */
export const runTs = (
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawnTs(script, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });

/** Runs `npm run <script> -- <args>` as a person would type it (proving the script is wired) and returns its exit code and output. */
export const runNpmScript = (
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
