/**
 * `npm run demo:sync`: watch sync work. Starts an HQ on SQLite with one clinic and two desk
 * devices, then two browser-host desks of that clinic on free ports — the first seeded with the
 * demo clinic, the second joining it — and prints both addresses. Open them in two browser tabs,
 * work on one and watch the other; stop HQ (its PID is printed) to see both desks keep working
 * offline and catch up when it is back. Ctrl-C stops everything. Every demo PIN is 0000.
 *
 * It only starts the project's own commands as child processes (`src-server/cli.ts`,
 * `src-main/web/main.ts`), as a person would in three terminals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const REPO = path.resolve(import.meta.dirname, '../../..');

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const root = values.data ? path.resolve(values.data) : fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-desk-demo-sync-'));
fs.mkdirSync(root, { recursive: true });
const children: ChildProcess[] = [];

const start = (script: string, args: readonly string[]): ChildProcess => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, script), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
};

/** Runs a CLI command to its end and returns its last line (an id or a token). */
const lastLineOf = (script: string, args: readonly string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = start(script, args);
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('close', (code) =>
      code === 0 ? resolve(out.trimEnd().split('\n').at(-1) ?? '') : reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });

/** Starts a long-running command and resolves with the first stdout line matching `ready`. */
const startUntil = (script: string, args: readonly string[], ready: RegExp, logFile: string): Promise<{ child: ChildProcess; match: RegExpExecArray }> =>
  new Promise((resolve, reject) => {
    const child = start(script, args);
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    child.stderr?.pipe(log);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code} before it was ready; see ${logFile}`)));
  });

const stopAll = async (): Promise<void> => {
  await Promise.all(
    [...children].reverse().map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
};

const main = async (): Promise<void> => {
  const hqData = path.join(root, 'hq');
  const tenantId = await lastLineOf('src-server/cli.ts', ['tenant', 'add', '데모 피부과', '--data', hqData]);
  const tokens = [
    await lastLineOf('src-server/cli.ts', ['device', 'add', '--tenant', tenantId, '--name', '1번 데스크', '--data', hqData]),
    await lastLineOf('src-server/cli.ts', ['device', 'add', '--tenant', tenantId, '--name', '2번 데스크', '--data', hqData]),
  ];
  const hq = await startUntil('src-server/cli.ts', ['serve', '--port', '0', '--data', hqData], /HQ listening on (http:\/\/\S+)/, path.join(root, 'hq.log'));
  const hqUrl = hq.match[1] ?? '';
  const ready = /Desk ready at (http:\/\/\S+)/;
  const first = await startUntil(
    'src-main/web/main.ts',
    ['--data', path.join(root, 'desk-1'), '--port', '0', '--demo', '--hq', hqUrl, '--token', tokens[0] ?? ''],
    ready,
    path.join(root, 'desk-1.log'),
  );
  const second = await startUntil(
    'src-main/web/main.ts',
    ['--data', path.join(root, 'desk-2'), '--port', '0', '--hq', hqUrl, '--token', tokens[1] ?? ''],
    ready,
    path.join(root, 'desk-2.log'),
  );
  process.stdout.write(
    [
      '',
      `HQ           ${hqUrl}   (pid ${hq.child.pid}; data and logs in ${root})`,
      `1번 데스크   ${first.match[1]}`,
      `2번 데스크   ${second.match[1]}`,
      '',
      'Every demo PIN is 0000. Work on one desk and watch the other.',
      `To see an outage: kill -STOP ${hq.child.pid} (both desks keep working), then kill -CONT ${hq.child.pid}.`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
};

let stopping = false;
const stop = (): void => {
  if (stopping) process.exit(130);
  stopping = true;
  void stopAll().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

main().catch(async (error: unknown) => {
  process.stderr.write(`demo:sync: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
