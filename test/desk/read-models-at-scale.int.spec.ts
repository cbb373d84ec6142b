/**
 * Read-model queries on a desk holding 10,000+ visits made here through DeskCore: half-open range
 * boundaries, clinic-day boundaries in the clinic's time zone, Korean search and merged patients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffedDesk } from '../support/desk-harness.js';

type Desk = Awaited<ReturnType<typeof staffedDesk>>;

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민수', '서연', '지호', '하은', '도윤', '서윤', '민서', '지우', '예준', '수아', '민지', '현우'];
const VISITS = 10_000;
const PATIENTS = 1_000;
const DAY0 = Date.parse('2026-12-01T00:00:00.000Z'); // 09:00 in Seoul

let desk: Desk;
const patients: { id: string; name: string; phone: string }[] = [];
const special: Record<string, string> = {};

beforeAll(async () => {
  desk = await staffedDesk();
  const { call, staff, signInAs } = desk;
  await signInAs(staff.desk);
  for (let i = 0; i < PATIENTS; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    const phone = `010-${String(1000 + Math.floor(i / 10)).padStart(4, '0')}-${String(1000 + i).padStart(4, '0')}`;
    const { streamId } = await call('command.execute', { type: 'RegisterPatient', payload: { name, phone } });
    patients.push({ id: streamId, name, phone });
  }
  const doctors = [staff.doctor, staff.doctor2];
  for (let i = 0; i < VISITS; i++) {
    // 60 days, 9:00–18:30 local in 30-minute slots, two doctors; a few walk-ins.
    const day = i % 60;
    const slot = Math.floor(i / 60) % 20;
    const start = DAY0 + day * 86_400_000 + slot * 1_800_000;
    const patient = patients[i % PATIENTS] as (typeof patients)[number];
    if (i % 97 === 0) {
      await call('command.execute', { type: 'RegisterWalkIn', payload: { patientId: patient.id } });
    } else {
      await call('command.execute', {
        type: 'Reserve',
        payload: {
          patientId: patient.id,
          startAt: new Date(start).toISOString(),
          endAt: new Date(start + 1_800_000).toISOString(),
          doctorId: doctors[Math.floor(i / 1200) % 2],
        },
      });
    }
  }
  // Named cases at the edges.
  const kim = patients.find((p) => p.name === '김민수') as (typeof patients)[number];
  const reserve = async (key: string, startAt: string, endAt: string, doctorId?: string) => {
    special[key] = (
      await call('command.execute', { type: 'Reserve', payload: { patientId: kim.id, startAt, endAt, ...(doctorId ? { doctorId } : {}) } })
    ).streamId;
  };
  await reserve('late', '2027-03-10T14:30:00.000Z', '2027-03-10T14:55:00.000Z'); // 23:30 Seoul, 10 March
  await reserve('afterMidnight', '2027-03-10T15:10:00.000Z', '2027-03-10T15:40:00.000Z'); // 00:10 Seoul, 11 March
  await reserve('edge', '2027-03-12T01:00:00.000Z', '2027-03-12T01:30:00.000Z', staff.doctor2);
}, 600_000);

afterAll(async () => {
  await desk.close();
});

describe(`read models over ${VISITS} visits`, () => {
  it('holds them all', async () => {
    const first = await desk.call('board.day', { date: '2026-12-01' });
    expect(first.visits.length).toBeGreaterThan(100);
    // Walk-ins are on the board of the day they came (the test clock's day).
    let total = (await desk.call('board.day', { date: '2026-11-25' })).visits.length;
    expect(total).toBe(Math.ceil(VISITS / 97));
    for (let day = 0; day < 60; day++) {
      const date = new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);
      total += (await desk.call('board.day', { date })).visits.length;
    }
    expect(total).toBe(VISITS);
  });

  it('uses half-open ranges: a reservation ending exactly at A is not "from A", one starting at B is not "to B"', async () => {
    const { call } = desk;
    const ids = async (from: string, to: string, doctorId?: string) =>
      (await call('schedule.range', { from, to, ...(doctorId ? { doctorId } : {}) })).items.map((v) => v.visitId);
    expect(await ids('2027-03-12T01:30:00.000Z', '2027-03-12T02:00:00.000Z')).not.toContain(special.edge);
    expect(await ids('2027-03-12T01:29:59.999Z', '2027-03-12T02:00:00.000Z')).toContain(special.edge);
    expect(await ids('2027-03-12T00:30:00.000Z', '2027-03-12T01:00:00.000Z')).not.toContain(special.edge);
    expect(await ids('2027-03-12T00:30:00.000Z', '2027-03-12T01:00:00.001Z')).toContain(special.edge);
    expect(await ids('2027-03-12T01:10:00Z', '2027-03-12T01:20:00Z', desk.staff.doctor2)).toEqual([special.edge]);
    expect(await ids('2027-03-12T01:10:00Z', '2027-03-12T01:20:00Z', desk.staff.doctor)).toEqual([]);
    // A busy day: 20 slots per day, reservations of both doctors, walk-ins excluded.
    const day = await call('schedule.range', { from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T10:00:00.000Z' });
    expect(day.items.length).toBeGreaterThan(100);
    expect(day.items.every((v) => v.startAt < '2026-12-01T10:00:00.000Z' && v.endAt > '2026-12-01T00:00:00.000Z')).toBe(true);
  });

  it('puts a visit at 23:30 local on that local day, and 00:10 on the next, in the clinic time zone', async () => {
    const march10 = await desk.call('board.day', { date: '2027-03-10' });
    const march11 = await desk.call('board.day', { date: '2027-03-11' });
    expect(march10.timeZone).toBe('Asia/Seoul');
    expect(march10.visits.map((v) => v.visitId)).toContain(special.late);
    expect(march10.visits.map((v) => v.visitId)).not.toContain(special.afterMidnight);
    expect(march11.visits.map((v) => v.visitId)).toContain(special.afterMidnight);
    expect(march10.counts.reserved).toBe(march10.visits.length);
  });

  it('finds patients by Korean initials, name, phone or its last four digits, and chart number', async () => {
    const { call } = desk;
    const names = async (q: string) => (await call('patients.search', { q })).items.map((p) => p.name);
    const byInitials = await names('ㄱㅁㅅ');
    expect(byInitials).toContain('김민수');
    expect(byInitials).toContain('강민서');
    expect(byInitials.every((name) => ['김민수', '김민서', '강민수', '강민서'].includes(name))).toBe(true);
    expect(await names('김ㅁㅅ')).toEqual(expect.arrayContaining(['김민수', '김민서']));
    expect((await names('김ㅁㅅ')).some((name) => name.startsWith('강'))).toBe(false);
    expect(await names('ㅊㅎㅇ')).toEqual(expect.arrayContaining(['최현우', '최하은']));
    const somebody = patients[123] as (typeof patients)[number];
    expect((await call('patients.search', { q: somebody.phone.slice(-4) })).items.map((p) => p.patientId)).toContain(somebody.id);
    expect((await call('patients.search', { q: somebody.phone })).items.map((p) => p.patientId)).toEqual([somebody.id]);
    expect((await call('patients.search', { q: somebody.phone.replace(/-/g, '') })).items.map((p) => p.patientId)).toEqual([somebody.id]);
    const chart = (await call('patients.get', { patientId: somebody.id })).chartNumber;
    expect((await call('patients.search', { q: chart.toLowerCase() })).items.map((p) => p.patientId)).toEqual([somebody.id]);
    expect(await names('%')).toEqual([]);
    expect(await names("' OR 1=1 --")).toEqual([]);
  });

  it('resolves merged patients: search shows the survivor once; its record gathers the visits', async () => {
    const { call, staff, signInAs } = desk;
    await signInAs(staff.desk);
    const older = patients[5] as (typeof patients)[number];
    const { streamId: newer } = await call('command.execute', {
      type: 'RegisterPatient',
      payload: { name: older.name, phone: older.phone },
    });
    await call('command.execute', {
      type: 'Reserve',
      payload: { patientId: newer, startAt: '2027-04-01T01:00:00.000Z', endAt: '2027-04-01T01:30:00.000Z' },
    });
    const warnings = await call('warnings.list', {});
    expect(warnings.items).toContainEqual(expect.objectContaining({ kind: 'duplicate-patient', patientIds: [older.id, newer], survivor: older.id }));
    await signInAs(staff.manager);
    await call('command.execute', { type: 'MergePatients', streamId: newer, payload: { into: older.id } });
    const found = (await call('patients.search', { q: older.phone })).items;
    expect(found.map((p) => p.patientId)).toEqual([older.id]);
    const record = await call('patients.get', { patientId: older.id });
    expect(record.merged).toEqual([newer]);
    expect(record.visits.some((v) => v.startAt === '2027-04-01T01:00:00.000Z')).toBe(true);
    const audit = await call('audit.query', { patientId: older.id, limit: 500 });
    expect(audit.items.some((row) => row.patientId === newer && row.eventType === 'Reserved')).toBe(true);
    const after = await call('warnings.list', {});
    expect(after.items.some((w) => w.kind === 'duplicate-patient' && w.patientIds.includes(newer))).toBe(false);
    const board = await call('board.day', { date: '2027-04-01' });
    expect(board.visits.find((v) => v.patientId === newer)?.patientName).toBe(older.name);

    // A chain of merges: the visit of the newest record shows the oldest survivor's chart.
    const oldest = patients[0] as (typeof patients)[number];
    await call('command.execute', { type: 'MergePatients', streamId: older.id, payload: { into: oldest.id } });
    const chained = (await call('board.day', { date: '2027-04-01' })).visits.find((v) => v.patientId === newer);
    expect(chained).toMatchObject({ patientName: oldest.name, chartNumber: (await call('patients.get', { patientId: oldest.id })).chartNumber });
    expect((await call('patients.get', { patientId: oldest.id })).visits.some((v) => v.startAt === '2027-04-01T01:00:00.000Z')).toBe(true);

    // The oldest's trail holds the three records' rows, newest first, and pages without repeats or gaps.
    const whole = (await call('audit.query', { patientId: oldest.id, limit: 500 })).items;
    expect(new Set(whole.map((row) => row.patientId))).toEqual(new Set([oldest.id, older.id, newer]));
    const order = whole.map((row) => [row.at, row.position] as const);
    expect(order).toEqual([...order].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1)));
    const paged: number[] = [];
    let cursor: string | undefined;
    do {
      const result = await call('audit.query', { patientId: oldest.id, limit: 3, ...(cursor ? { cursor } : {}) });
      paged.push(...result.items.map((row) => row.position));
      cursor = result.cursor;
    } while (cursor);
    expect(paged).toEqual(whole.map((row) => row.position));
  });

  it('pages the audit trail with an opaque cursor, without repeats or gaps', async () => {
    const { call, staff, signInAs } = desk;
    await signInAs(staff.manager);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await call('audit.query', { staffId: staff.desk, limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...result.items.map((row) => row.position));
      expect(result.items.every((row) => row.staffId === staff.desk)).toBe(true);
      cursor = result.cursor;
    }
    const all = await call('audit.query', { staffId: staff.desk, limit: 35 });
    expect(seen).toEqual(all.items.map((row) => row.position));
    expect(await desk.refuse('audit.query', { limit: 5, cursor: 'not-a-cursor' })).toMatchObject({ code: 'VALIDATION' });
  });
});
