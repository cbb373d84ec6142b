/**
 * `npm run desk -- <command>`: what someone looking after a clinic's desks runs on a desk's
 * machine, with the desk app closed (its data folder lock refuses it otherwise).
 *
 *   restore-manager --data <dir> --staff <staffId> --reason <text>
 *       makes a staff member an active manager again when the clinic has none (two offline desks
 *       each removed one); recorded as this desk (device:<installationId>) with the reason, it
 *       reaches HQ and every desk at this desk's next sync.
 *
 * Exit codes: 0 done, 1 refused (no desk data in the folder, the folder in use, no such staff
 * member, the clinic has an active manager), 2 usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDomainError } from '../../shared/eventsourcing/index.js';
import { DataFolderInUseError } from '../../src-node/data-folder-lock.js';
import type { SecretStore } from '../core/desk-core-api.js';
import { openDeskCore } from '../core/desk-core.js';
import { DATABASE_FILE } from '../core/store/desk-store.js';

const REPO = path.resolve(import.meta.dirname, '../..');

const USAGE = `usage: npm run desk -- <command>
  restore-manager --data <dir> --staff <staffId> --reason <text>
      make a staff member an active manager again when the clinic has none; run it with the
      desk app closed; recorded as this desk and synced to HQ and every desk`;

class UsageError extends Error {}

/** Holds no secret: the command line never syncs, so the token stays where the desk app keeps it. */
const noSecrets: SecretStore = {
  load: () => null,
  save: () => {
    throw new Error('the desk command line keeps no secrets');
  },
  keptIn: () => null,
};

const restoreManager = async (args: readonly string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { data: { type: 'string' }, staff: { type: 'string' }, reason: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  if (values.data === undefined || values.staff === undefined || values.reason === undefined) {
    throw new UsageError('restore-manager needs --data, --staff and --reason');
  }
  const dataDir = path.resolve(values.data);
  // Never a new, empty desk: the folder must hold a desk's data already.
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    process.stderr.write(`desk: no desk data in ${dataDir}\n`);
    return 1;
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  let core;
  try {
    core = await openDeskCore({ dataDir, appVersion: version, secrets: noSecrets });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      process.stderr.write(`desk: ${error.message}: close the desk app first\n`);
      return 1;
    }
    throw error;
  }
  try {
    const restored = core.restoreManager(values.staff, values.reason);
    process.stdout.write(
      `Restored ${restored.name} (${restored.staffId}) as an active manager, recorded as ${restored.initiator}; ` +
        "it reaches HQ and every desk at this desk's next sync.\n",
    );
    return 0;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === 'VALIDATION') throw new UsageError(error.message);
    process.stderr.write(`desk: ${error.message}\n`);
    return 1;
  } finally {
    await core.close({ syncTimeoutMs: 0 });
  }
};

const main = async (): Promise<number> => {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'restore-manager') return await restoreManager(rest);
    if (command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (error) {
    const parseArgsError = error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseArgsError) {
      process.stderr.write(`desk: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`desk: ${String(error)}\n`);
    return 1;
  }
};

process.exitCode = await main();
