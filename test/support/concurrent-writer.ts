/**
 * Child process for the two-connection test: opens the store file directly (no folder lock, as a
 * second connection would) and executes charges on shared streams. Both writers start at the same
 * agreed instant and reading a stream's head is slowed a little, so they really interleave; every
 * clash the Headspring retries is counted.
 */
import { createHeadspring, VersionClash, type EventStore } from '../../shared/eventsourcing/index.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { migrate } from '../../src-node/sqlite/migrate.js';
import { MIGRATIONS } from '../../src-main/core/store/migrations/index.js';
import { createSqliteEventStore } from '../../src-main/core/store/sqlite-event-store.js';
import { openWritable } from '../../src-node/sqlite/database.js';
import { tabProjection } from './tab-projection.js';
import { tabRegistry } from './tab-desk.js';

const [file, countArg, streamsArg, label, startAtArg] = process.argv.slice(2);
if (!file || !countArg || !streamsArg || !label || !startAtArg) {
  throw new Error('usage: concurrent-writer <file> <count> <streams,…> <label> <startAtMs>');
}
const streams = streamsArg.split(',');
const db = openWritable(file);
migrate(db, MIGRATIONS, 'clinic-desk');
const inner = createSqliteEventStore(db, tabRegistry, [tabProjection]);
const pause = new Int32Array(new SharedArrayBuffer(4));
let clashes = 0;
const store: EventStore = {
  ...inner,
  streamHead: (streamId) => {
    const head = inner.streamHead(streamId);
    Atomics.wait(pause, 0, 0, 1); // widen the window between reading the head and appending
    return head;
  },
  append: (request) => {
    try {
      inner.append(request);
    } catch (error) {
      if (error instanceof VersionClash) clashes += 1;
      throw error;
    }
  },
};
const headspring = createHeadspring({
  store,
  registry: tabRegistry,
  ids: uuidV7,
  origin: { deviceId: uuidV7.newId(), appVersion: '0.1.0' },
  maxAttempts: 50,
});
while (Date.now() < Number(startAtArg)) Atomics.wait(pause, 0, 0, 2);
const acknowledged: string[] = [];
for (let i = 0; i < Number(countArg); i++) {
  const commandId = uuidV7.newId();
  headspring.execute({
    commandId,
    type: 'AddCharge',
    streamId: streams[i % streams.length],
    payload: { amount: 1 },
    schemaVersion: 1,
    issuedBy: label,
    issuedAt: new Date().toISOString(),
  });
  acknowledged.push(commandId);
}
db.close();
process.stdout.write(JSON.stringify({ acknowledged, clashes }));
