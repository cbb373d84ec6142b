/**
 * The benchmark data: the same seed gives the same year, event for event (ids, times, data), so
 * runs on different days and machines compare; another seed gives another year. Every command of
 * the script is accepted by the real kernel (runYear throws on the first refusal), and a few days
 * already hold the clinic's stages and Korean names.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { clinicYear } from './clinic-year.js';
import { runYear } from './year-run.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const runOf = (seed: number) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-year-'));
  folders.push(dataDir);
  const year = clinicYear({ seed, start: '2025-12-01', days: 3, visitsPerDay: 40 });
  const result = runYear(year, dataDir);
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return {
      result,
      busyDay: year.busyDay,
      events: db.prepare('SELECT position, event_id, stream_id, stream_type, version, type, schema_version, data, meta, sync_state, server_position FROM events ORDER BY position').all(),
      stages: db.prepare('SELECT DISTINCT stage FROM read_visits ORDER BY stage').pluck().all(),
      names: db.prepare('SELECT name FROM read_patients').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
};

describe('a year of a busy clinic, generated', () => {
  it('is the same, event for event, from the same seed, and another from another seed', () => {
    const first = runOf(7);
    const again = runOf(7);
    const other = runOf(8);
    expect(first.events.length).toBeGreaterThan(1_000);
    expect(again.events).toEqual(first.events);
    expect(again.busyDay).toEqual(first.busyDay);
    expect(other.events).not.toEqual(first.events);
  });

  it('takes visits through their stages, with Korean names, every event published as HQ received it', () => {
    const { events, stages, names, result } = runOf(11);
    expect(result.events).toBe(events.length);
    expect(stages).toEqual(expect.arrayContaining(['checked-out', 'reserved', 'canceled']));
    expect(names.filter((name) => /^[가-힣]{2,5}$/.test(name)).length / names.length).toBeGreaterThan(0.9);
    expect(events.every((event) => (event as { sync_state: string }).sync_state === 'published')).toBe(true);
  });
});
