/**
 * Goal 2: rehydrating a stream as a command does (Headspring.load without its state cache:
 * stream head, latest snapshot, the events after it, fold), for a typical visit (~20 events) and
 * the membership-package visit (~1,000 events), with and without snapshots, on desk A's year.
 * Baseline: the same rows read raw (the stream's events by the (stream, version) index, no JSON).
 * Goal: median < 0.1 ms for the visit and < 1 ms for 1,000 events, with snapshots.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { clinicRegistry, clinicStreams } from '../../shared/clinic/registry.js';
import { createHeadspring, createStreamRegistry } from '../../shared/eventsourcing/index.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { deskProjections } from '../../src-main/core/read-models/index.js';
import { DATABASE_FILE, openDeskStore } from '../../src-main/core/store/desk-store.js';
import type { Bench } from '../context.js';
import { latencies, ms, type Row } from '../report.js';

export const rehydrateBench: Bench = (context) => {
  const dataDir = context.copyDesk();
  const store = openDeskStore({ dataDir, registry: clinicRegistry, projections: deskProjections, ids: uuidV7, now: () => new Date() });
  const raw = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  const rawStream = raw.prepare("SELECT * FROM events WHERE stream_id = ? AND sync_state <> 'set-aside' ORDER BY version");
  const origin = { deviceId: store.installationId, appVersion: '0.1.0' };
  const withSnapshots = createHeadspring({ store: store.events, registry: clinicRegistry, ids: uuidV7, origin, stateCacheSize: 0 });
  const noSnapshots = createHeadspring({
    store: store.events,
    registry: createStreamRegistry(clinicStreams.map((definition) => ({ ...definition, snapshot: undefined }))),
    ids: uuidV7,
    origin,
    stateCacheSize: 0,
  });
  const { typicalVisit, longVisit } = context.dataset.info;
  const rows: Row[] = [];
  try {
    for (const [label, streamId, rounds, goal] of [
      [`a typical visit (${typicalVisit.events} events)`, typicalVisit.streamId, context.quick ? 2_000 : 10_000, 0.1],
      [`the membership visit (${store.events.streamHead(longVisit)?.version ?? '?'} events)`, longVisit, context.quick ? 100 : 1_000, 1],
    ] as const) {
      const samples = { snap: [] as number[], full: [] as number[], raw: [] as number[] };
      for (let i = 0; i < 50; i++) {
        withSnapshots.load(streamId);
        noSnapshots.load(streamId);
        rawStream.all(streamId);
      }
      for (let i = 0; i < rounds; i++) {
        let t0 = performance.now();
        withSnapshots.load(streamId);
        samples.snap.push(performance.now() - t0);
        t0 = performance.now();
        noSnapshots.load(streamId);
        samples.full.push(performance.now() - t0);
        t0 = performance.now();
        rawStream.all(streamId);
        samples.raw.push(performance.now() - t0);
      }
      const snap = latencies(samples.snap);
      const full = latencies(samples.full);
      const bare = latencies(samples.raw);
      const snapshot = store.events.latestSnapshot(streamId);
      rows.push(
        {
          goal: 2,
          name: `rehydrate ${label}, with snapshots`,
          figure: { value: snap.p50, unit: 'ms', detail: `median; p99 ${ms(snap.p99)}; snapshot at v${snapshot?.version ?? '—'}` },
          baseline: { name: 'raw read of all its rows', value: bare.p50, unit: 'ms', detail: `p99 ${ms(bare.p99)}` },
          ratio: bare.p50 / snap.p50,
          target: { of: 'value', atMost: goal, text: `< ${goal} ms` },
        },
        {
          goal: 2,
          name: `rehydrate ${label}, without snapshots`,
          figure: { value: full.p50, unit: 'ms', detail: `median; p99 ${ms(full.p99)}` },
          baseline: { name: 'raw read of all its rows', value: bare.p50, unit: 'ms' },
          ratio: bare.p50 / full.p50,
        },
      );
    }
    return Promise.resolve(rows);
  } finally {
    raw.close();
    store.close();
  }
};
