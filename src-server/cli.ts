/**
 * `npm run hq -- <command>`: the HQ server and its tenancy commands (README, "HQ sync server").
 *
 *   serve [--port 8787] [--host 127.0.0.1] [--data .data/hq] [--min-client-version 0.0.0] [--max-pull-bytes 8388608] [--log-level info]
 *   tenant add <name> | tenant list
 *   device add --tenant <id> --name <name> [--scope desk|kiosk] | device list [--tenant <id>]
 *   device rotate <deviceId> | device revoke <deviceId> | device rebind <deviceId>
 *
 * Every command takes --data <dir> (the SQLite file's folder); HQ_DATABASE_URL=postgres://…
 * switches every command to PostgreSQL instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppVersion } from '../shared/contract/values.js';
import { CommandFailed, runTenancyCommand, UsageError } from './cli/tenancy-commands.js';
import { DEFAULT_LIMITS, DEFAULT_MIN_CLIENT_VERSION, MOST_PULL_BYTES, packageVersion } from './settings.js';
import { openHqStore } from './store/open-hq-store.js';

const USAGE = `usage: npm run hq -- <command> [--data <dir>]
  serve [--port 8787] [--host 127.0.0.1] [--min-client-version 0.0.0] [--max-pull-bytes ${DEFAULT_LIMITS.maxPullBytes}] [--log-level info]
  tenant add <name>
  tenant list
  device add --tenant <id> --name <name> [--scope desk|kiosk]
  device list [--tenant <id>]
  device rotate <deviceId>
  device revoke <deviceId>
  device rebind <deviceId>
environment: HQ_DATABASE_URL=postgres://… uses PostgreSQL instead of the SQLite file in --data`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: path.join('.data', 'hq') },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'min-client-version': { type: 'string', default: DEFAULT_MIN_CLIENT_VERSION },
      'max-pull-bytes': { type: 'string', default: String(DEFAULT_LIMITS.maxPullBytes) },
      'log-level': { type: 'string', default: 'info' },
      tenant: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return;
  }
  const storeChoice = { databaseUrl: process.env.HQ_DATABASE_URL, dataDir: path.resolve(values.data) };

  if (command === 'serve') {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be 0–65535');
    const minClientVersion = AppVersion.safeParse(values['min-client-version']);
    if (!minClientVersion.success) throw new UsageError('--min-client-version must be a version such as 1.2.0');
    const maxPullBytes = Number(values['max-pull-bytes']);
    if (!/^\d{1,15}$/.test(values['max-pull-bytes']) || maxPullBytes < 1 || maxPullBytes > MOST_PULL_BYTES) {
      throw new UsageError(`--max-pull-bytes must be a whole number of bytes from 1 to ${MOST_PULL_BYTES}`);
    }
    if (!LOG_LEVELS.includes(values['log-level'])) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
    // imported here: the tenancy commands start faster without the HTTP server's modules
    const { serve } = await import('./cli/serve.js');
    await serve((onBackgroundError) => openHqStore({ ...storeChoice, onBackgroundError, exclusive: true }), {
      host: values.host,
      port,
      logLevel: values['log-level'],
      settings: { version: packageVersion(), minClientVersion: minClientVersion.data, limits: { ...DEFAULT_LIMITS, maxPullBytes } },
    });
    return;
  }
  if (command !== 'tenant' && command !== 'device') throw new UsageError(`unknown command "${command}"`);
  const store = await openHqStore(storeChoice);
  try {
    await runTenancyCommand(
      store,
      command,
      { positionals: rest, tenant: values.tenant, name: values.name, scope: values.scope },
      (line) => process.stdout.write(`${line}\n`),
      (msg, fields) => process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), msg, ...fields })}\n`),
    );
  } finally {
    await store.close();
  }
};

main().catch((error: unknown) => {
  const parseArgsError = error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || parseArgsError) {
    console.error(`hq: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  // by name: its module (and better-sqlite3) is loaded only on SQLite, where the lock exists
  const folderInUse = error instanceof Error && error.name === 'DataFolderInUseError';
  if (error instanceof CommandFailed || folderInUse) {
    console.error(`hq: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
