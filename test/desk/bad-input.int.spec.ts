/**
 * Bad input gets a clear error and changes nothing: every desk method is called with missing,
 * wrong-typed, oversized and hostile arguments, and the whole database — log, command log, read
 * models, lockouts, settings — must be byte-for-byte what it was.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicCommandPayloads } from '../../shared/clinic/clinic/commands.js';
import { patientCommandPayloads } from '../../shared/clinic/patient/commands.js';
import { staffCommandPayloads } from '../../shared/clinic/staff/commands.js';
import { visitCommandPayloads } from '../../shared/clinic/visit/commands.js';
import { DESK_METHODS, deskRpcArgs, EXECUTABLE_COMMAND_TYPES } from '../../shared/contract/desk-rpc.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { staffedDesk } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDesk>>;
let desk: Desk;
let visitId: string;
let patientId: string;

const NONEXISTENT = '0190a000-0000-7000-8000-0000000000ff';
const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { nested: deep(depth - 1) });
const protoKey = JSON.parse('{"__proto__": {"role": "manager"}}') as unknown;

/** Values no field of the contract accepts. */
const HOSTILE_VALUES: readonly unknown[] = [
  'x'.repeat(100_000),
  'abc\u0000def',
  'lone \ud800 surrogate',
  '\u202egnirts desrever\u0007',
  -1,
  1.5,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  null,
  [],
  [1, 2, 3],
  {},
  deep(500),
  protoKey,
  Array.from({ length: 10_000 }, () => 'x'),
];

/** Whole-argument values that are never valid arguments. */
const HOSTILE_ARGS: readonly unknown[] = [
  [],
  'text',
  42,
  true,
  "'; DROP TABLE events; --",
  protoKey,
  { unexpected: 1 },
  { ['k'.repeat(10_000)]: 1 },
  deep(1000),
];

const shapeOf = (schema: unknown): string[] => {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};

const payloadSchemas: Record<string, unknown> = {
  ...visitCommandPayloads,
  ...patientCommandPayloads,
  ...staffCommandPayloads,
  ...clinicCommandPayloads,
};

/** Every table, every row: the state that bad input must leave untouched. */
const dumpDatabase = (dataDir: string): string => {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return JSON.stringify(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all()]));
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  desk = await staffedDesk();
  await desk.signInAs(desk.staff.desk);
  patientId = (await desk.call('command.execute', { type: 'RegisterPatient', payload: { name: '김민수', phone: '010-2345-6789' } })).streamId;
  visitId = (
    await desk.call('command.execute', {
      type: 'Reserve',
      payload: { patientId, startAt: '2026-11-26T01:00:00.000Z', endAt: '2026-11-26T01:30:00.000Z', deposit: { amount: 10_000, method: 'card' } },
    })
  ).streamId;
  await desk.call('command.execute', { type: 'CheckIn', streamId: visitId, payload: { channel: 'desk' } });
  await desk.signInAs(desk.staff.manager);
}, 60_000);

afterAll(async () => {
  await desk.close();
});

const READ_ONLY = new Set([
  'desk.status',
  'staff.list',
  'board.day',
  'schedule.range',
  'patients.search',
  'patients.get',
  'visit.get',
  'visit.history',
  'visit.stateAt',
  'audit.query',
  'warnings.list',
  'sync.status',
  'conflicts.list',
]);

describe('bad input', () => {
  it('is refused by every method with VALIDATION or a domain code, and changes nothing', async () => {
    const before = dumpDatabase(desk.dataDir);
    const calls: { method: string; args: unknown }[] = [];
    for (const method of DESK_METHODS) {
      for (const args of HOSTILE_ARGS) calls.push({ method, args });
      for (const field of shapeOf(deskRpcArgs[method])) {
        for (const value of HOSTILE_VALUES) calls.push({ method, args: { [field]: value } });
      }
    }
    for (const type of EXECUTABLE_COMMAND_TYPES) {
      for (const streamId of [undefined, NONEXISTENT, visitId]) {
        calls.push({ method: 'command.execute', args: { type, ...(streamId ? { streamId } : {}) } });
        for (const field of shapeOf(payloadSchemas[type])) {
          for (const value of HOSTILE_VALUES) {
            calls.push({ method: 'command.execute', args: { type, ...(streamId ? { streamId } : {}), payload: { [field]: value } } });
          }
        }
      }
      for (const value of HOSTILE_VALUES) {
        calls.push({ method: 'command.execute', args: { type, streamId: value, payload: {} } });
        calls.push({ method: 'command.execute', args: { type, commandId: value, streamId: visitId, payload: {} } });
      }
    }
    for (const type of ['RegisterStaff', 'ChangeStaffPin', '__proto__', 'constructor', 'toString', 'Teleport', "'; DROP TABLE commands; --"]) {
      calls.push({ method: 'command.execute', args: { type, payload: { name: 'x', role: 'manager', pinHash: 'scrypt$x' } } });
    }
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'desk.status ', 'DESK.STATUS', '../admin', '']) {
      calls.push({ method, args: {} });
    }

    const codes = new Map<string, number>();
    for (const { method, args } of calls) {
      const response = await desk.core.invoke(method, args);
      const label = `${method} ${JSON.stringify(args)?.slice(0, 120)}`;
      if (response.ok) {
        expect(READ_ONLY.has(method), `a mutating call succeeded: ${label}`).toBe(true);
        continue;
      }
      expect(response.error.code, label).not.toBe('INTERNAL');
      expect(response.error.message.length, label).toBeLessThanOrEqual(500);
      codes.set(response.error.code, (codes.get(response.error.code) ?? 0) + 1);
    }
    expect(calls.length).toBeGreaterThan(2000);
    expect(codes.get('VALIDATION')).toBeGreaterThan(calls.length * 0.8);
    expect(codes.get('UNKNOWN_METHOD')).toBe(8);
    expect(dumpDatabase(desk.dataDir)).toBe(before);
  }, 120_000);

  it('stores hostile but valid text verbatim, as data', async () => {
    await desk.signInAs(desk.staff.desk);
    const text = `'; DROP TABLE events; -- 김민수 \u202e 👩‍⚕️ Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍`;
    await desk.call('command.execute', { type: 'AddMemo', streamId: visitId, payload: { text } });
    const history = await desk.call('visit.history', { visitId });
    expect(history.events.at(-1)?.data).toEqual({ text });
    expect((await desk.call('patients.search', { q: "' OR ''='" })).items).toEqual([]);
  });

  it('refuses a refund to a desk-role staff member with FORBIDDEN, and a refund is a manager`s', async () => {
    await desk.signInAs(desk.staff.desk);
    const before = dumpDatabase(desk.dataDir);
    expect(await desk.refuse('command.execute', { type: 'RefundPayment', streamId: visitId, payload: { amount: 1_000 } })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(dumpDatabase(desk.dataDir)).toBe(before);
    await desk.signInAs(desk.staff.manager);
    await desk.call('command.execute', { type: 'RefundPayment', streamId: visitId, payload: { amount: 1_000, reason: '테스트' } });
  });

  it('refuses everything but the public methods before sign-in', async () => {
    await desk.call('session.signOut', {});
    expect(await desk.refuse('board.day', { date: '2026-11-25' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await desk.refuse('command.execute', { type: 'AddMemo', streamId: visitId, payload: { text: 'hi' } })).toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
    expect((await desk.call('staff.list', {})).items.length).toBeGreaterThan(0);
    expect(JSON.stringify(await desk.call('staff.list', {}))).not.toMatch(/scrypt/);
    await desk.signInAs(desk.staff.manager);
  });
});

describe('stream ids named by the client', () => {
  it('must be fresh UUIDv7s for a new stream, and visit, patient and staff ids are UUIDs', async () => {
    await desk.signInAs(desk.staff.desk);
    const register = (streamId: string) =>
      desk.core.invoke('command.execute', { type: 'RegisterPatient', streamId, payload: { name: '홍길동', phone: '010-9999-0000' } });
    for (const streamId of ['x', 'v1', '00000000-0000-4000-8000-000000000001']) {
      expect(await register(streamId)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    // a UUIDv7 minted long ago would win any merge as "the older record"
    expect(await register('00000000-0000-7000-8000-000000000001')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const fresh = uuidV7.newId();
    const stamped = `${(desk.clock.now().getTime()).toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}${fresh.slice(13)}`;
    expect(await register(stamped)).toMatchObject({ ok: true, result: { streamId: stamped } });
    await desk.signInAs(desk.staff.manager);
  });
});
