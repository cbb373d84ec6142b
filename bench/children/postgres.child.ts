/**
 * The benchmark run's embedded PostgreSQL, in a child process (as test/support/postgres-process.ts,
 * and for the same reason: embedded-postgres registers an exit hook that ends its process with 0).
 * It starts from an initdb'd template kept per embedded-postgres version (made by the first run):
 * each run's server works on a fresh copy, deleted when it stops, and each benchmark still creates
 * its own databases in it, so nothing a run leaves behind reaches the next. Prints
 * `{"adminUrl": …}` when ready; stops when its stdin closes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../test/support/embedded-postgres.js';
import { serveUntilStdinCloses } from '../../test/support/postgres-child.js';

const MODULES = path.resolve(import.meta.dirname, '../../node_modules');
const { version } = JSON.parse(fs.readFileSync(path.join(MODULES, 'embedded-postgres', 'package.json'), 'utf8')) as { version: string };

serveUntilStdinCloses(await startEmbeddedPostgres({ template: path.join(MODULES, '.cache', 'clinic-bench', `postgres-template-${version}`) }));
