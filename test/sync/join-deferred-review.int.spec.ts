/**
 * A new desk's deferred catch-up (issue 14) under what a careless operator or a hostile clinic
 * does meanwhile, from an adversarial review: events a read model cannot apply, a token revoked,
 * HQ restored, calls of every kind, a close or a reconfigure in the middle of the build. Real
 * desks on their own SQLite files and a real HQ process over HTTP, staged as in
 * join-deferred.int.spec.ts (test/support/joining-desk.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract/desk-views.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { PIN } from '../support/desk-harness.js';
import { historyOn, JOINING, recordedVersions, screens, signInWhenStaffArrive, slowJoiner, untilPhase } from '../support/joining-desk.js';
import { deviceAtHead, eventually, inSync, startSyncClinic, type SyncClinic } from '../support/sync-clinic.js';
import { execute, expectConverged, later, readModelsAndRebuild } from '../support/sync-scenarios.js';

let clinic: SyncClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/** A slow joiner's catch-up lasts a few seconds, its pulls and its build. */
const CATCH_UP_MS = 30_000;

/**
 * Another build's CommandConflicted on the day's visit, with data this build's conflicts read
 * model cannot apply: a desk following the log keeps it as unreadable (review-findings).
 */
const poisonedVisit = async (live: SyncClinic, visitId: string): Promise<void> => {
  const other = await deviceAtHead(live, 'D (another build)', visitId);
  const meta = (commandId: string) => other.meta({ commandId, processId: commandId, predecessorId: commandId });
  await other.appendToHead({ type: 'CommandConflicted', schemaVersion: 1, data: { conflictId: uuidV7.newId() }, meta: meta(uuidV7.newId()) });
};

describe('a new desk`s deferred catch-up, reviewed', () => {
  it('an event a deferred read model cannot apply is kept as unreadable by the build, as a desk following the log keeps it: the desk finishes and takes commands', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const { a, day } = await historyOn(clinic);
    await poisonedVisit(clinic, day.visitId);
    await eventually(async () => (await a.call('audit.query', { limit: 500 })).items.some((entry) => entry.summary.includes('needs a newer app')), 10_000, 'A kept it');

    const c = await slowJoiner(clinic, 'C');
    await signInWhenStaffArrive(c, day);
    await inSync(clinic, [c, a], CATCH_UP_MS);
    expect(Object.entries(recordedVersions(c)).filter(([, version]) => version < 0)).toEqual([]);
    // As on A: the audit trail words it by its type and version; the desk takes commands.
    const trail = (await c.call('audit.query', { limit: 500 })).items;
    expect(trail.filter((entry) => entry.summary.includes('needs a newer app')).map((entry) => entry.streamId)).toEqual([day.visitId]);
    await execute(c, 'RegisterPatient', undefined, { name: '새환자', phone: '010-4444-1234' });
    await expectConverged(clinic, [a, c], 20_000);
    expect(await screens(c, day)).toEqual(await screens(a, day));
  });

  it('closed while building, with an event a read model cannot apply in its log: it opens again (rebuilt) and converges', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const { a, day } = await historyOn(clinic);
    await poisonedVisit(clinic, day.visitId);
    const c = await slowJoiner(clinic, 'C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'building');
    await c.close();

    const again = await clinic.addDesk('C again', { dataDir: c.dataDir, deviceId: c.deviceId, token: c.token });
    expect(Object.entries(recordedVersions(again)).filter(([, version]) => version < 0)).toEqual([]);
    await again.call('session.signIn', { staffId: day.manager, pin: PIN });
    await expectConverged(clinic, [a, again], 20_000);
    expect(await screens(again, day)).toEqual(await screens(a, day));
  });
  it('every call a screen or a person makes during both phases answers: reads never fail inside, every change is refused with nothing stored', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const { a, day } = await historyOn(clinic);
    const conflictId = (await a.call('conflicts.list', {})).items[0]?.conflictId;
    const atHq = [...(await clinic.hqStreams()).values()].flat().length;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    const c = await slowJoiner(clinic, 'C');
    await signInWhenStaffArrive(c, day);

    const reads: [string, unknown][] = [
      ['desk.status', {}], ['staff.list', {}], ['board.day', { date: today }], ['schedule.range', { from: later(-24 * 60), to: later(24 * 60 * 30) }],
      ['patients.search', { q: '환자' }], ['patients.search', { q: '5555' }], ['patients.get', { patientId: day.patientId }],
      ['visit.get', { visitId: day.visitId }], ['visit.history', { visitId: day.visitId }], ['visit.stateAt', { visitId: day.visitId, version: 1 }],
      ['audit.query', { limit: 50 }], ['audit.query', { limit: 50, patientId: day.patientId }], ['warnings.list', {}], ['conflicts.list', {}], ['sync.status', {}],
    ];
    const changes: [string, unknown][] = [
      ['command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: 'too early' } }],
      ['command.execute', { type: 'RegisterPatient', payload: { name: '너무이른환자', phone: '010-3333-2222' } }],
      ['staff.register', { name: '새직원', role: 'desk', pin: PIN }],
      ['staff.changePin', { staffId: day.manager, currentPin: PIN, pin: '86420' }],
      ['conflicts.resolve', { conflictId, action: 'dismiss', reason: 'too early' }],
    ];
    const answers = new Map<string, Set<string>>();
    const note = (what: string, answer: { ok: boolean; error?: { code: string } }) => {
      const seen = answers.get(what) ?? new Set<string>();
      seen.add(answer.ok ? 'ok' : (answer.error?.code ?? '?'));
      answers.set(what, seen);
    };
    const phases = new Set<string>();
    const progress: NonNullable<SyncStatus['catchUp']>[] = [];
    /** Changes taken: each must have been decided once the catch-up was over (a PIN's slow hash may outlast it). */
    let taken = 0;
    for (const deadline = Date.now() + 60_000; ; ) {
      if (Date.now() > deadline) throw new Error('C never caught up');
      const { catchUp } = await c.call('sync.status', {});
      if (catchUp) progress.push(catchUp);
      const phase = catchUp?.phase;
      if (phase === undefined && phases.size > 0) break;
      if (phase === undefined) continue;
      phases.add(phase);
      for (const [method, args] of reads) note(method, await c.invoke(method, args));
      for (const [method, args] of changes) {
        const answer = await c.invoke(method, args);
        if (answer.ok) {
          taken += 1;
          expect((await c.call('sync.status', {})).catchUp, `${method} taken during the catch-up`).toBeUndefined();
        } else note(method, answer);
      }
    }
    expect([...phases].sort()).toEqual(['building', 'pulling']);
    // Progress never past its total nor back: pulling then building, each moving forward.
    const building = progress.findIndex((sample) => sample.phase === 'building');
    expect(progress.slice(building).every((sample) => sample.phase === 'building')).toBe(true);
    expect(progress.filter((sample) => sample.pulled > sample.head || (sample.built ?? 0) > (sample.toBuild ?? 0))).toEqual([]);
    const forward = (values: number[]) => values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0));
    expect(forward(progress.slice(0, building).map((sample) => sample.pulled))).toBe(true);
    expect(forward(progress.slice(building).map((sample) => sample.built ?? 0))).toBe(true);
    // Reads answer (what is not built yet is not found); changes wait for the history.
    const failed = [...answers].filter(([, codes]) => [...codes].some((code) => !['ok', 'NOT_FOUND', 'LOADING_HISTORY', 'CONFLICT_NOT_FOUND'].includes(code)));
    expect(failed).toEqual([]);
    // (a conflict is not found before the conflicts list is built, then refused like the rest)
    expect(changes.filter(([method]) => !answers.get(method)?.has(method === 'conflicts.resolve' ? 'CONFLICT_NOT_FOUND' : 'LOADING_HISTORY')).map(([method]) => method)).toEqual([]);
    // Nothing of the refused ones stored: C holds only the events of the changes taken after the catch-up.
    await inSync(clinic, [c, a], CATCH_UP_MS);
    await eventually(() => c.unsettled() === 0, 10_000, 'C settled');
    const own = (await c.call('desk.status', {})).installationId;
    expect([...c.streams().values()].flat().filter((event) => event.meta.deviceId === own)).toHaveLength(taken);
    expect([...(await clinic.hqStreams()).values()].flat()).toHaveLength(atHq + taken);
  });

  it('events another desk makes while it builds, and a sync.now asked then, end up in its read models once the build is over', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const { a, b, day } = await historyOn(clinic);
    const c = await slowJoiner(clinic, 'C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'building');
    const late = await execute(b, 'RegisterPatient', undefined, { name: '건설중환자', phone: '010-6666-7777' });
    await execute(a, 'AddMemo', day.visitId, { text: 'while C builds' });
    // sync.now during the build answers once it is over, and what it answers says so.
    const now = await c.call('sync.now', {});
    expect(now.catchUp).toBeUndefined();
    await inSync(clinic, [a, b, c], CATCH_UP_MS);
    await eventually(async () => (await c.call('patients.search', { q: '건설중환자' })).items.length === 1, 10_000, 'the late patient on C');
    expect((await c.call('patients.search', { q: '건설중환자' })).items.map((p) => p.patientId)).toEqual([late.streamId]);
    await expectConverged(clinic, [a, b, c], 20_000);
    expect(await screens(c, day)).toEqual(await screens(a, day));
  });
  it('its token revoked half-way through the pull: it pauses, still loading (commands wait); a manager enters a new token and another address, and it finishes the same deferred catch-up', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const live = clinic;
    const { a, day } = await historyOn(live);
    const c = await slowJoiner(live, 'C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'pulling', () => c.pulledThrough() >= 50);
    const rotated = await live.withStore((_store, tenancy) => tenancy.rotateToken(c.deviceId));
    if (!rotated) throw new Error('no device to rotate');
    await eventually(async () => (await c.call('sync.status', {})).state === 'paused', 10_000, 'C paused');
    const paused = await c.call('sync.status', {});
    expect(paused.catchUp?.phase).toBe('pulling');
    const refused = await c.invoke('command.execute', { type: 'AddMemo', streamId: day.visitId, payload: { text: 'paused' } });
    expect(refused.ok ? 'taken' : refused.error.code).toBe('LOADING_HISTORY');

    // HQ's address straight, no slow proxy now: the same log, so the same catch-up goes on.
    await c.call('sync.configure', { hqUrl: live.hq.url, token: rotated.token });
    await inSync(live, [c, a], CATCH_UP_MS);
    expect(Object.entries(recordedVersions(c)).filter(([, version]) => version < 0)).toEqual([]);
    await execute(c, 'AddMemo', day.visitId, { text: 'C is ready' });
    await expectConverged(live, [a, c], 20_000);
    expect(await screens(c, day)).toEqual(await screens(a, day));
  });
  it('the screens are told of each phase: a change notice while pulling and one while building, also when the build is one slice', async () => {
    clinic = await startSyncClinic({ timing: { ...JOINING, buildSlice: 1_000_000 } });
    const { a, day } = await historyOn(clinic);
    const c = await slowJoiner(clinic, 'C');
    const told: (string | undefined)[] = [];
    // What a screen does on a sync notice: ask for the status.
    c.core.onChange((notice) => {
      if (notice.kind === 'sync') void c.core.invoke('sync.status', {}).then((answer) => answer.ok && told.push(answer.result.catchUp?.phase ?? 'none'));
    });
    await signInWhenStaffArrive(c, day);
    await inSync(clinic, [c, a], CATCH_UP_MS);
    await eventually(() => told.at(-1) === 'none', 5_000, 'told it is over');
    expect([...new Set(told)]).toEqual(['pulling', 'building', 'none']);
  });
  it('HQ restored as a new log half-way through the pull: it stops with a clear status and pulls nothing more; reads answer, commands wait; reopened, it has its read models and stays stopped', async () => {
    clinic = await startSyncClinic({ timing: JOINING });
    const live = clinic;
    const { day } = await historyOn(live);
    const c = await slowJoiner(live, 'C');
    await signInWhenStaffArrive(c, day);
    await untilPhase(c, 'pulling', () => c.pulledThrough() >= 50);
    await live.restoreHq(await live.backUpHq(), { newLogId: true });
    await eventually(async () => (await c.call('sync.status', {})).state === 'stopped', 20_000, 'C stopped');
    const stopped = await c.call('sync.status', {});
    expect(stopped.lastError).toMatch(/not the one this desk synced with/);
    const pulled = c.pulledThrough();
    expect((await c.call('patients.search', { q: '환자' })).items).toEqual([]);
    const refused = await c.invoke('command.execute', { type: 'RegisterPatient', payload: { name: '멈춘환자', phone: '010-1212-3434' } });
    expect(refused.ok ? 'taken' : refused.error.code).toBe('LOADING_HISTORY');

    await c.close();
    const again = await live.addDesk('C again', { dataDir: c.dataDir, deviceId: c.deviceId, token: c.token });
    expect(Object.entries(recordedVersions(again)).filter(([, version]) => version < 0)).toEqual([]);
    await again.call('session.signIn', { staffId: day.manager, pin: PIN });
    await eventually(async () => (await again.call('sync.status', {})).state === 'stopped', 20_000, 'C stopped again');
    expect(again.pulledThrough()).toBe(pulled);
    const { live: readModels, rebuilt } = await readModelsAndRebuild(again);
    expect(readModels).toEqual(rebuilt);
  });
});
