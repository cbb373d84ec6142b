/**
 * `npm start`. The desk window (Electron shell) and the clinic domain are not built yet, so for
 * now this opens what exists: the local event store in the data folder, and reports on it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStreamRegistry } from '../shared/eventsourcing/index.js';
import { uuidV7 } from './core/ids.js';
import { openDeskStore } from './core/store/desk-store.js';
import { MIGRATIONS } from './core/store/migrations/index.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: path.join('.data', 'desk') } } });
const dataDir = path.resolve(values.data);

console.log('clinic-desk: the desk window is not built yet (Electron shell, issue #6), so `npm start` opens');
console.log('the local event store only. Tests: `npm test`.');
const store = openDeskStore({ dataDir, registry: createStreamRegistry([]), projections: [], ids: uuidV7, now: () => new Date() });
try {
  console.log(`  data folder      ${dataDir}`);
  console.log(`  database         ${store.file} (schema ${MIGRATIONS.length}, WAL, synchronous=FULL)`);
  console.log(`  installation id  ${store.installationId}`);
  console.log(`  events           ${store.events.lastPosition()} stored, ${store.events.countPending()} waiting for HQ`);
} finally {
  store.close();
}
