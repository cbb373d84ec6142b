/**
 * Randomised fault schedules: two desks work on the same visits while their connections to a real
 * HQ process are refused, delayed, cut, paused or lose HQ's answers, and HQ itself may be killed
 * and restarted. Then the network heals, and every run must converge with nothing lost and nothing
 * twice. Each run is seeded; a failure names its seed (SYNC_FAULT_SEED=<seed> SYNC_FAULT_RUNS=1
 * replays it; SYNC_FAULT_RUNS=500 explores more).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src-main/core/ids.js';
import { PIN } from '../support/desk-harness.js';
import type { Fault } from '../support/fault-proxy.js';
import { eventually, startHqHost, startSyncClinic, type HqHost, type SyncClinic, type SyncDesk } from '../support/sync-clinic.js';
import { expectConverged, openClinicDay, type ClinicDay } from '../support/sync-scenarios.js';

const RUNS = Number(process.env.SYNC_FAULT_RUNS ?? 50);
const FIRST_SEED = Number(process.env.SYNC_FAULT_SEED ?? 20261201);
const CHAOS_MS = 1_500;

/** mulberry32: a small seeded PRNG, so a schedule replays from its seed. */
const prng = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const FAULTS: readonly Fault[] = ['pass', 'pass', 'refuse', 'delay', 'cut', 'lose-response', 'pause'];

interface Issued {
  readonly desk: SyncDesk;
  readonly commandId: string;
  readonly type: string;
  readonly kind: 'intent' | 'observation';
}

const OBSERVATIONS = new Set(['AddMemo', 'CheckIn', 'RecordPayment', 'TakePhotos']);

let host: HqHost;
beforeAll(async () => {
  host = await startHqHost();
}, 60_000);
afterAll(async () => {
  await host.stop();
});

const commandStatus = (desk: SyncDesk, commandId: string): string | undefined => {
  const db = new Database(path.join(desk.dataDir, 'desk.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT status, from_version, to_version FROM commands WHERE command_id = ?').get(commandId) as
      | { status: string; from_version: number | null; to_version: number | null }
      | undefined;
    if (!row) return undefined;
    return row.status === 'done' && row.from_version !== null && row.to_version !== null && row.from_version > row.to_version ? 'done-no-events' : row.status;
  } finally {
    db.close();
  }
};

const run = async (seed: number): Promise<void> => {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const clinic: SyncClinic = await startSyncClinic({ host });
  try {
    const a = await clinic.addDesk('A', { proxy: true });
    const day: ClinicDay = await openClinicDay(a);
    const visits = [day.visitId];
    for (let i = 0; i < 2; i++) {
      const { streamId } = await a.call('command.execute', {
        type: 'Reserve',
        payload: {
          patientId: day.patientId,
          startAt: new Date(Date.now() + (i + 2) * 3_600_000).toISOString(),
          endAt: new Date(Date.now() + (i + 2) * 3_600_000 + 1_800_000).toISOString(),
          plan: [{ name: '레이저 토닝', price: 50_000 }],
        },
      });
      visits.push(streamId);
    }
    const b = await clinic.addDesk('B', { proxy: true });
    await eventually(async () => (await b.call('staff.list', {})).items.length > 0 && b.streams().size >= a.streams().size, 10_000, 'B joined');
    await b.call('session.signIn', { staffId: day.manager, pin: PIN });
    const desks = [a, b];
    const issued: Issued[] = [];

    const command = async (desk: SyncDesk): Promise<void> => {
      const visitId = pick(visits);
      const choice = pick([
        ['AddMemo', visitId, { text: `memo ${Math.floor(random() * 1000)}` }],
        ['CheckIn', visitId, { channel: 'desk' }],
        ['RecordPayment', visitId, { amount: 10_000, method: pick(['card', 'cash', 'transfer']) }],
        ['TakePhotos', visitId, { stage: 'before', count: 2 }],
        ['CancelReservation', visitId, { reason: 'schedule' }],
        ['Reschedule', visitId, { startAt: new Date(Date.now() + 5 * 3_600_000).toISOString(), endAt: new Date(Date.now() + 5.5 * 3_600_000).toISOString() }],
        ['AssignDoctor', visitId, { doctorId: day.doctor }],
        ['UpdatePatientContact', day.patientId, { phone: `010-${1000 + Math.floor(random() * 8999)}-${1000 + Math.floor(random() * 8999)}` }],
        ['RegisterPatient', undefined, { name: '새환자', phone: '010-4444-5555' }],
      ] as const);
      const [type, streamId, payload] = choice;
      const commandId = uuidV7.newId();
      const answer = await desk.invoke('command.execute', { commandId, type, ...(streamId ? { streamId } : {}), payload });
      if (answer.ok) issued.push({ desk, commandId, type, kind: OBSERVATIONS.has(type) ? 'observation' : 'intent' });
    };

    const chaosEnd = Date.now() + CHAOS_MS;
    const killAt = random() < 0.2 ? Date.now() + random() * CHAOS_MS : Number.POSITIVE_INFINITY;
    while (Date.now() < chaosEnd) {
      const roll = random();
      const desk = pick(desks);
      if (roll < 0.6) await command(desk);
      else if (roll < 0.85) desk.proxy?.setFault(pick(FAULTS));
      else if (roll < 0.9) desk.proxy?.resume();
      else if (roll < 0.95) await (random() < 0.5 ? desk.proxy?.down() : desk.proxy?.up());
      if (Date.now() > killAt) {
        await host.kill();
        await host.start();
      }
      await new Promise((resolve) => setTimeout(resolve, random() * 40));
    }

    // The network heals.
    for (const desk of desks) {
      desk.proxy?.setFault('pass');
      desk.proxy?.resume();
      await desk.proxy?.up();
    }
    await expectConverged(clinic, desks, 20_000);

    const hq = await clinic.hqStreams();
    const inHq = new Set<string>();
    for (const [streamId, events] of hq) {
      // No event twice, and no command twice: each command's events sit together in its stream.
      expect(new Set(events.map((e) => e.eventId)).size, `stream ${streamId}`).toBe(events.length);
      const seen: string[] = [];
      for (const event of events) {
        if (seen.at(-1) !== event.meta.commandId) {
          expect(seen, `command ${event.meta.commandId} appears twice in ${streamId}`).not.toContain(event.meta.commandId);
          seen.push(event.meta.commandId);
        }
        inHq.add(event.meta.commandId);
      }
    }
    // Nothing a person entered is dropped: observations are at HQ; intents are there, or found
    // their effect already held, or are a conflict (or wait behind one) that every desk lists.
    for (const { desk, commandId, type, kind } of issued) {
      if (kind === 'observation') {
        expect(inHq.has(commandId), `${type} ${commandId} from ${desk.name} reached HQ`).toBe(true);
        continue;
      }
      if (inHq.has(commandId)) continue;
      expect(['done-no-events', 'conflict', 'waiting'], `${type} ${commandId} from ${desk.name}`).toContain(commandStatus(desk, commandId));
    }
    const listed = await Promise.all(desks.map(async (desk) => (await desk.call('conflicts.list', {})).items.map((c) => [c.conflictId, c.status]).sort()));
    expect(listed[0]).toEqual(listed[1]);
  } finally {
    await clinic.close();
  }
};

describe('randomised fault schedules', () => {
  it(`converge with nothing lost or doubled, over ${RUNS} seeded runs`, async () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
      try {
        await run(seed);
      } catch (error) {
        throw new Error(`fault schedule failed with seed ${seed} (replay: SYNC_FAULT_SEED=${seed} SYNC_FAULT_RUNS=1)`, { cause: error });
      }
    }
  }, 360_000);
});
