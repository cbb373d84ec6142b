/**
 * Bad input gets a clear error and changes nothing. Every desk method, and every command type of
 * command.execute, starts from one valid argument set with every field filled in; then one field
 * at a time is replaced by a hostile value, so that a refusal can only come from that value: the
 * desk must answer VALIDATION naming that field. Whole-argument garbage and unknown methods are
 * refused too, and the whole database — log, command log, read models, lockouts, settings — must
 * be byte-for-byte what it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_METHODS, deskRpcArgs, EXECUTABLE_COMMAND_TYPES, type DeskMethod } from '../../shared/contract/desk-rpc.js';
import { uuidV7 } from '../../src-main/core/ids.js';
import { BLANK_LOOKING } from '../support/blank-looking.js';
import { dumpDatabase, staffedDesk } from '../support/desk-harness.js';
import { fieldValue, fieldsOf, pathText, validDeskCalls, withField, type DeskIds } from '../support/valid-desk-args.js';

type Desk = Awaited<ReturnType<typeof staffedDesk>>;
let desk: Desk;
let visitId: string;
let patientId: string;

const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { nested: deep(depth - 1) });
const protoKey = JSON.parse('{"__proto__": {"role": "manager"}}') as unknown;

/** Values put into one field at a time; each is named in failures and in ACCEPTED_BY_SCHEMA. */
const HOSTILE_VALUES: readonly { readonly label: string; readonly value: unknown }[] = [
  { label: "'x' × 100 000", value: 'x'.repeat(100_000) },
  { label: 'NUL in text', value: 'abc\u0000def' },
  { label: 'lone surrogate', value: 'lone \ud800 surrogate' },
  { label: 'RLO + BEL', value: '\u202egnirts desrever\u0007' },
  { label: '-1', value: -1 },
  { label: '1.5', value: 1.5 },
  { label: '1e308', value: 1e308 },
  { label: 'NaN', value: Number.NaN },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY },
  { label: 'true', value: true },
  { label: 'null', value: null },
  { label: '[]', value: [] },
  { label: '[1,2,3]', value: [1, 2, 3] },
  { label: '{}', value: {} },
  { label: '500-deep object', value: deep(500) },
  { label: '__proto__ key', value: protoKey },
  { label: "10 000 × ['x']", value: Array.from({ length: 10_000 }, () => 'x') },
  // text that looks blank (Hangul fillers, zero-width characters, the braille blank, …)
  ...BLANK_LOOKING.map(([label, value]) => ({ label, value })),
];

/**
 * Values made from the field's own valid value, put into every field whose valid value they
 * apply to: the same id in another case (every id has one canonical form, lower-case UUID text),
 * and instants and dates at and beyond the edges of the years 2000–2099.
 */
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const when =
  (pattern: RegExp, value: (valid: string) => string) =>
  (valid: unknown): unknown =>
    typeof valid === 'string' && pattern.test(valid) ? value(valid) : undefined;
const DERIVED_VALUES: readonly { readonly label: string; readonly from: (valid: unknown) => unknown }[] = [
  { label: 'the id in upper case', from: when(LOWER_CASE_UUID, (valid) => valid.toUpperCase()) },
  { label: 'instant in year 0000', from: when(INSTANT, () => '0000-01-01T00:00:00.000Z') },
  { label: 'instant in year 9999', from: when(INSTANT, () => '9999-12-31T23:59:59.999Z') },
  { label: 'instant in 1999', from: when(INSTANT, () => '1999-12-31T23:59:59.999Z') },
  { label: 'instant in 2100', from: when(INSTANT, () => '2100-01-01T00:00:00.000Z') },
  { label: 'instant in microseconds', from: when(INSTANT, (valid) => valid.replace(/(\.\d+)?Z$/, '.000001Z')) },
  { label: 'date in year 0000', from: when(DATE, () => '0000-01-01') },
  { label: 'date in year 9999', from: when(DATE, () => '9999-12-31') },
  { label: 'date in 2100', from: when(DATE, () => '2100-01-01') },
  { label: 'date that does not exist', from: when(DATE, () => '2027-02-29') },
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

/**
 * The hostile values that a field's own schema nonetheless accepts, reviewed one by one (key:
 * `<method>[ <command type>] <field path> ← <value>`). The test fails when a schema starts
 * accepting anything else, or stops accepting one of these.
 */
const ACCEPTED_BY_SCHEMA: readonly string[] = [
  // The whole payload of these commands is optional, so an empty payload is a valid one.
  ...['CancelReservation', 'MarkNoShow', 'AbandonVisit', 'StartSoothingCare', 'CompleteSoothingCare', 'CheckOut', 'DeactivateStaff'].map(
    (type) => `command.execute ${type} payload ← {}`,
  ),
  // A consultation may end without a procedure, and a plan may be emptied.
  'command.execute CompleteConsultation payload.plan ← []',
  'command.execute ChangeProcedurePlan payload.plan ← []',
  // No weekday is a clinic closed every day.
  'command.execute ConfigureClinic payload.hours ← {}',
  // A search text and an opaque cursor are any short string; the handlers take them as data.
  'patients.search q ← NUL in text',
  'patients.search q ← lone surrogate',
  'patients.search q ← RLO + BEL',
  'audit.query cursor ← NUL in text',
  'audit.query cursor ← lone surrogate',
  'audit.query cursor ← RLO + BEL',
  // …and text that looks blank: a search for it finds nothing (what trims to nothing is refused)
  ...BLANK_LOOKING.filter(([, text]) => text.trim() !== '').map(([label]) => `patients.search q ← ${label}`),
  ...BLANK_LOOKING.map(([label]) => `audit.query cursor ← ${label}`),
  // conflicts.resolve's payload is a JSON object with no bound on depth (a "__proto__" key, which
  // JSON readers drop, is refused): the edited payload is checked with the conflicted command's
  // own schema only once the conflict is found (here: CONFLICT_NOT_FOUND).
  'conflicts.resolve payload ← {}',
  'conflicts.resolve payload ← 500-deep object',
];

/**
 * Known gap in the error message (reported, not fixed here): visit.stateAt's arguments are a
 * plain z.union of { visitId, version } and { visitId, at }. A value of the wrong type (or a
 * version that is not an integer) fails both variants with an aborting issue, and zod then
 * reports one pathless `invalid_union` issue: the desk answers VALIDATION "Invalid input" without
 * naming the field. (A string of the wrong format, or a version out of range, is named.) These are
 * still refused with VALIDATION; the test fails when one of them starts naming its field.
 */
const UNNAMED_UNION_MESSAGE = 'Invalid input';
const NOT_STRINGS = HOSTILE_VALUES.filter(({ value }) => typeof value !== 'string').map(({ label }) => label);
const UNNAMED_BY_UNION: readonly string[] = [
  ...NOT_STRINGS.flatMap((label) => [`visit.stateAt visitId ← ${label}`, `visit.stateAt at ← ${label}`]),
  ...HOSTILE_VALUES.filter(({ label }) => label !== '-1' && label !== '1e308').map(({ label }) => `visit.stateAt version ← ${label}`),
];

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

const READ_ONLY = new Set<string>([
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
  'sync.whoami',
  'conflicts.list',
]);

// the probes run with the manager signed in (beforeAll), so every change names them
const deskIds = (): DeskIds => ({ visitId, patientId, staff: desk.staff, now: desk.clock.now, acting: desk.staff.manager });

/** One call with one field of a valid argument set replaced by one hostile value. */
interface Probe {
  readonly method: DeskMethod;
  /** `<method>` or `command.execute <type>`: what ACCEPTED_BY_SCHEMA and failures name. */
  readonly target: string;
  readonly path: string;
  readonly label: string;
  readonly args: unknown;
  /** Whether the field's own schema accepts the value. */
  readonly fieldAccepts: boolean;
}

/**
 * Each probe starts from freshly made valid arguments (new command ids, new stream ids), so that
 * if a schema lets a value through, the call reaches the desk on its own, not as a reused id.
 */
const probes = (): Probe[] =>
  validDeskCalls(deskIds()).flatMap(({ method, args }, index) => {
    const target = method === 'command.execute' ? `${method} ${args.type}` : method;
    return fieldsOf(deskRpcArgs[method], args).fields.flatMap((field) => {
      const valid = fieldValue(args, field.path);
      const derived = DERIVED_VALUES.flatMap(({ label, from }) => {
        const value = from(valid);
        return value === undefined ? [] : [{ label, value }];
      });
      return [...HOSTILE_VALUES, ...derived].map(({ label, value }) => ({
        method,
        target,
        path: pathText(field.path),
        label,
        args: withField(validDeskCalls(deskIds())[index]?.args, field.path, value),
        fieldAccepts: field.schema.safeParse(value).success,
      }));
    });
  });

const keyOf = (probe: Pick<Probe, 'target' | 'path' | 'label'>): string => `${probe.target} ${probe.path} ← ${probe.label}`;

/** The zod-issue formatter prints `path: message; …`: its first issue must be this field or inside it. */
const namesField = (message: string, fieldPath: string): boolean => message.startsWith(`${fieldPath}: `) || message.startsWith(`${fieldPath}.`);

describe('bad input', () => {
  it('starts from valid arguments with every field filled in, for every method and command type', () => {
    const calls = validDeskCalls(deskIds());
    expect(new Set(calls.map((call) => call.method))).toEqual(new Set(DESK_METHODS));
    const types = calls.flatMap((call) => (call.method === 'command.execute' ? [call.args.type] : []));
    expect([...types].sort()).toEqual([...EXECUTABLE_COMMAND_TYPES].sort());
    // visit.stateAt is a union of two shapes: one valid set for each
    expect(calls.filter((call) => call.method === 'visit.stateAt').map((call) => Object.keys(call.args).sort())).toEqual([
      ['version', 'visitId'],
      ['at', 'visitId'],
    ]);
    const problems: string[] = [];
    for (const { method, args } of calls) {
      const label = method === 'command.execute' ? `${method} ${args.type}` : method;
      const parsed = deskRpcArgs[method].safeParse(args);
      if (!parsed.success) problems.push(`${label}: not valid: ${parsed.error.message}`);
      for (const field of fieldsOf(deskRpcArgs[method], args).missing) problems.push(`${label}: ${field} is not filled in`);
    }
    expect(problems).toEqual([]);
  });

  it('knows every hostile value that a field accepts (each one reviewed)', () => {
    const accepted = [...new Set(probes().filter((probe) => probe.fieldAccepts).map(keyOf))].sort();
    expect(accepted).toEqual([...ACCEPTED_BY_SCHEMA].sort());
  });

  it('is refused by every method, field by field, with VALIDATION naming the field, and changes nothing', async () => {
    const before = dumpDatabase(desk.dataDir);
    const failures: string[] = [];
    const accepted = new Set(ACCEPTED_BY_SCHEMA);
    const unnamed = new Set(UNNAMED_BY_UNION);
    let refused = 0;
    let answeredReadOnly = 0;
    let skipped = 0;

    const all = probes();
    for (const probe of all) {
      const key = keyOf(probe);
      // Read-only methods may answer a value their field accepts; a mutating call with a value
      // the field accepts would be a valid call (reviewed in ACCEPTED_BY_SCHEMA) and is not made.
      const mustRefuse = READ_ONLY.has(probe.method) ? !probe.fieldAccepts : !accepted.has(key);
      if (!mustRefuse && !READ_ONLY.has(probe.method)) {
        skipped += 1;
        continue;
      }
      const response = await desk.core.invoke(probe.method, probe.args);
      if (!mustRefuse) {
        answeredReadOnly += 1;
        if (!response.ok && response.error.code === 'INTERNAL') failures.push(`${key}: INTERNAL ${response.error.message}`);
        continue;
      }
      refused += 1;
      if (response.ok) {
        failures.push(`${key}: accepted (ok)`);
      } else if (response.error.code !== 'VALIDATION') {
        failures.push(`${key}: ${response.error.code} ${response.error.message.slice(0, 200)}`);
      } else if (unnamed.has(key)) {
        if (response.error.message !== UNNAMED_UNION_MESSAGE) failures.push(`${key}: now answers ${response.error.message.slice(0, 200)}`);
      } else if (!namesField(response.error.message, probe.path)) {
        failures.push(`${key}: VALIDATION does not name ${probe.path}: ${response.error.message.slice(0, 200)}`);
      }
      if (!response.ok && response.error.message.length > 500) failures.push(`${key}: message over 500 characters`);
    }

    const wholeCalls: { method: string; args: unknown; code: string; label: string }[] = [];
    for (const method of DESK_METHODS) {
      for (const args of HOSTILE_ARGS) wholeCalls.push({ method, args, code: 'VALIDATION', label: `${method} ${JSON.stringify(args)?.slice(0, 80)}` });
    }
    for (const type of ['RegisterStaff', 'ChangeStaffPin', '__proto__', 'constructor', 'toString', 'Teleport', "'; DROP TABLE commands; --"]) {
      const args = { type, payload: { name: 'x', role: 'manager', pinHash: 'scrypt$x' } };
      wholeCalls.push({ method: 'command.execute', args, code: 'VALIDATION', label: `command.execute type ${type}` });
    }
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'desk.status ', 'DESK.STATUS', '../admin', '']) {
      wholeCalls.push({ method, args: {}, code: 'UNKNOWN_METHOD', label: `method ${JSON.stringify(method)}` });
    }
    for (const { method, args, code, label } of wholeCalls) {
      const response = await desk.core.invoke(method, args);
      if (response.ok) failures.push(`${label}: accepted (ok)`);
      else if (response.error.code !== code) failures.push(`${label}: ${response.error.code} instead of ${code}`);
      else if (response.error.message.length > 500) failures.push(`${label}: message over 500 characters`);
    }

    expect(failures).toEqual([]);
    expect(UNNAMED_BY_UNION.filter((key) => !all.some((probe) => keyOf(probe) === key))).toEqual([]);
    // the table really covers the contract: every field of every method and command type
    expect(DESK_METHODS.filter((method) => !all.some((probe) => probe.method === method))).toEqual([
      'desk.status',
      'staff.list',
      'session.signOut',
      'sync.status',
      'sync.now',
      'sync.whoami',
      'conflicts.list',
    ]);
    expect(new Set(all.filter((probe) => probe.method === 'command.execute').map((probe) => probe.target)).size).toBe(
      EXECUTABLE_COMMAND_TYPES.length,
    );
    expect(refused).toBeGreaterThan(3000);
    // every id field was tried in upper case, every instant and date beyond the edges
    expect(all.filter((probe) => probe.label === 'the id in upper case').length).toBeGreaterThan(40);
    expect(all.filter((probe) => probe.label === 'instant in year 9999').length).toBeGreaterThan(10);
    expect(all.filter((probe) => probe.label === 'date in year 9999').map((probe) => keyOf(probe)).sort()).toEqual([
      'board.day date ← date in year 9999',
      'command.execute RegisterPatient payload.birthDate ← date in year 9999',
    ]);
    expect(answeredReadOnly + skipped).toBe(all.length - refused);
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
    // (a screen that still shows the manager signed in)
    const memo = { type: 'AddMemo', streamId: visitId, payload: { text: 'hi' }, actingStaffId: desk.staff.manager };
    expect(await desk.refuse('command.execute', memo)).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await desk.call('staff.list', {})).items.length).toBeGreaterThan(0);
    expect(JSON.stringify(await desk.call('staff.list', {}))).not.toMatch(/scrypt/);
    await desk.signInAs(desk.staff.manager);
  });
});

describe('stream ids named by the client', () => {
  it('must be fresh UUIDv7s for a new stream, and visit, patient and staff ids are UUIDs', async () => {
    await desk.signInAs(desk.staff.desk);
    const register = (streamId: string) =>
      desk.core.invoke('command.execute', {
        type: 'RegisterPatient',
        streamId,
        payload: { name: '홍길동', phone: '010-9999-0000' },
        actingStaffId: desk.staff.desk,
      });
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
