/**
 * The script of a year at a busy aesthetic clinic in Seoul, as the commands its people issue, in
 * time order: the first manager sets the desks up, the staff are registered, and then every open
 * day about `visitsPerDay` visits happen — booked by phone, online or the app days ahead (some
 * with a deposit or a known procedure), rescheduled, canceled (deposits refunded), missed, or
 * checked in (a kiosk or the desk) and taken through consultation, consent forms, photos,
 * procedures one at a time (some skipped), soothing care, payment (some split), check-out, memos
 * and the occasional refund days later; walk-ins; patients registered twice and merged, phone
 * numbers changed; a nurse leaving and another joining; and what offline desks leave behind when
 * they sync: a double payment recorded with an anomaly (and refunded), a reschedule of a canceled
 * reservation that became a conflict (mostly dismissed by a manager). One visit is a membership
 * package whose desk staff log every session as a memo: a stream of about 1,000 events.
 *
 * Three desks: A and B at the front, C in the treatment area. The script is pure data: streams are
 * named by handles, which whoever runs the script (bench/data/year-run.ts through the Headspring,
 * the benchmarks through DeskCore) turns into stream ids as the commands that open them run.
 * Payloads name streams as `{ $ref: handle }`. The same options give the same script.
 */
import { scryptSync } from 'node:crypto';
import type { StaffRole } from '../../shared/clinic/values.js';
import { ABANDON_REASONS, CANCEL_REASONS, CONSENT_VERSION, MEMOS, PLAN_CHANGE_REASONS, PROCEDURES, PURPOSES, REFUND_REASONS, SKIP_REASONS, type Procedure } from './clinic-menu.js';
import { koreanPeople, type Person } from './korean-people.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';

export type DeskKey = 'A' | 'B' | 'C';
export const DESKS: readonly DeskKey[] = ['A', 'B', 'C'];
export type Handle = number;
/** A stream named in a payload, resolved to its id when the step runs. */
export interface Ref {
  readonly $ref: Handle;
}

/**
 * One command of the script.
 *   execute  — run now on `desk`;
 *   offline  — decided on `desk` while it was offline: nothing reaches the log yet (the command is
 *              kept under `offline`);
 *   rebase   — that offline command re-run on the newer history when the desk syncs: an
 *              observation is recorded (with an anomaly if a rule broke), an intent that no longer
 *              holds becomes a conflict;
 *   resolve  — a manager dismisses the conflict an offline command raised.
 */
export interface Step {
  readonly at: number;
  readonly seq: number;
  readonly desk: DeskKey;
  /** The staff handle who issues it; 'device' for the desk itself (before anyone can sign in). */
  readonly by: Handle | 'device';
  readonly how: 'execute' | 'offline' | 'rebase' | 'resolve';
  readonly type: string;
  /** The stream: a handle, the clinic stream, or none when the command opens a new stream (`makes`). */
  readonly stream?: Handle | 'clinic';
  readonly makes?: Handle;
  readonly payload: unknown;
  /** For offline / rebase / resolve: which offline command. */
  readonly offline?: number;
}

export interface StaffMember {
  readonly handle: Handle;
  readonly name: string;
  readonly role: StaffRole;
}

export interface ClinicYearOptions {
  readonly seed: string | number;
  /** The first day, YYYY-MM-DD, a clinic day in Asia/Seoul. */
  readonly start: string;
  readonly days: number;
  /** Visits on an ordinary weekday (Saturdays and the summer are quieter). */
  readonly visitsPerDay: number;
}

export interface ClinicYear {
  readonly options: ClinicYearOptions;
  readonly installations: Readonly<Record<DeskKey, string>>;
  readonly tenantId: string;
  readonly firstManager: Handle;
  readonly staff: readonly StaffMember[];
  /** The PIN every staff member has (its hash is in their RegisterStaff payload). */
  readonly pin: string;
  /** The membership-package visit, ~1,000 events. */
  readonly longVisit: Handle;
  /** Steps of the data's days, in time order. */
  readonly steps: () => Generator<Step>;
  /** The open day right after the data: the commands of a busy day, in time order (execute only). */
  readonly busyDay: { readonly date: string; readonly steps: readonly Step[] };
  /** The seeded id source's 48-bit timestamps start here. */
  readonly startMs: number;
}

export const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/** Days the clinic is closed besides Sundays (Korean public holidays of the data's year). */
const HOLIDAYS = new Set([
  '2025-12-25', '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-03-02', '2026-05-05', '2026-05-25',
  '2026-06-03', '2026-08-17', '2026-09-24', '2026-09-25', '2026-09-26', '2026-10-05', '2026-10-09', '2026-12-25',
]);

const ref = (handle: Handle): Ref => ({ $ref: handle });
const iso = (ms: number): string => new Date(ms).toISOString();
const round1000 = (krw: number): number => Math.max(1000, Math.round(krw / 1000) * 1000);

/** A scrypt hash of the PIN as the desk makes them (pin-hash.ts), with a salt from the seed. */
const pinHashOf = (pin: string, random: SeededRandom): string => {
  const salt = Buffer.from(Array.from({ length: 16 }, () => random.int(0, 255)));
  const key = scryptSync(pin.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
};

/** A UUIDv7 from the seeded source: 48-bit time, then random bits. */
export const seededUuidV7 = (random: SeededRandom, ms: number): string => {
  const hex = (value: number, digits: number) => (value >>> 0).toString(16).padStart(digits, '0').slice(-digits);
  const time = Math.max(0, Math.floor(ms));
  const high = Math.floor(time / 0x10000);
  const low = time % 0x10000;
  const randA = random.bits() & 0xfff;
  const randB = (random.bits() & 0x3fff) | 0x8000;
  return `${hex(high, 8)}-${hex(low, 4)}-7${hex(randA, 3)}-${hex(randB, 4)}-${hex(random.bits(), 8)}${hex(random.bits() & 0xffff, 4)}`;
};

interface StaffTimeline {
  readonly member: StaffMember;
  readonly from: number;
  readonly until: number;
  /** A role change at this instant, to this role. */
  readonly becomes?: { readonly at: number; readonly role: StaffRole };
}

interface PatientRecord {
  readonly handle: Handle;
  readonly person: Person;
  readonly registeredAt: number;
  mergedAt: number;
}

/** A min-heap of steps by (at, seq). */
const stepQueue = () => {
  const heap: Step[] = [];
  const less = (a: Step, b: Step) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  return {
    push(step: Step) {
      heap.push(step);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i] as Step, heap[parent] as Step)) break;
        [heap[i], heap[parent]] = [heap[parent] as Step, heap[i] as Step];
        i = parent;
      }
    },
    peek: (): Step | undefined => heap[0],
    pop(): Step | undefined {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l] as Step, heap[m] as Step)) m = l;
          if (r < heap.length && less(heap[r] as Step, heap[m] as Step)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m] as Step, heap[i] as Step];
          i = m;
        }
      }
      return top;
    },
  };
};

/** How many days ahead reservations are made at most: visits are planned this far ahead of the clock. */
const LOOKAHEAD_DAYS = 21;

export const clinicYear = (options: ClinicYearOptions): ClinicYear => {
  const root = seededRandom(options.seed);
  const ids = root.fork('installations');
  const startMs = Date.parse(`${options.start}T00:00:00Z`) - SEOUL_OFFSET_MS;
  const installations = { A: seededUuidV7(ids, startMs - 30 * DAY_MS), B: seededUuidV7(ids, startMs - 29 * DAY_MS), C: seededUuidV7(ids, startMs - 29 * DAY_MS) };
  const tenantId = seededUuidV7(ids, startMs - 31 * DAY_MS);
  const pin = '0000';
  const pinHashes = Array.from({ length: 4 }, () => pinHashOf(pin, ids));

  const dateOf = (day: number): string => new Date(Date.parse(`${options.start}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
  const dayStart = (day: number): number => startMs + day * DAY_MS;
  /** Opening hours in minutes after local midnight, or null when closed. */
  const hoursOf = (day: number): { open: number; close: number } | null => {
    const date = dateOf(day);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || HOLIDAYS.has(date)) return null;
    if (weekday === 6) return { open: 600, close: 960 };
    if (weekday === 4) return { open: 600, close: 1260 };
    return { open: 600, close: 1200 };
  };
  const at = (day: number, minute: number): number => dayStart(day) + minute * MINUTE;
  const openDays = Array.from({ length: options.days }, (_, day) => day).filter((day) => hoursOf(day) !== null).length;

  // ---- who works here -------------------------------------------------------------------------
  let nextHandle = 1;
  const people = koreanPeople(root.fork('people'));
  const staffNames = koreanPeople(root.fork('staff'));
  const ROSTER: readonly [StaffRole, boolean][] = [
    ['manager', true], ['manager', false],
    ['desk', true], ['desk', true], ['desk', true], ['desk', false],
    ['counselor', true], ['counselor', true], ['counselor', true], ['counselor', true],
    ['doctor', false], ['doctor', true], ['doctor', false], ['doctor', true], ['doctor', false],
    ['nurse', true], ['nurse', true], ['nurse', true], ['nurse', true], ['nurse', true],
  ];
  const timeline: StaffTimeline[] = ROSTER.map(([role, female]) => ({
    member: { handle: nextHandle++, name: staffNames.staffName(female), role },
    from: at(0, 480),
    until: Number.POSITIVE_INFINITY,
  }));
  // Mid-year: a nurse leaves and another joins; a desk member becomes a counselor.
  const leaveDay = Math.floor(options.days * 0.5);
  const leaving = timeline[19] as StaffTimeline;
  timeline[19] = { ...leaving, until: at(leaveDay, 1230) };
  const newcomer: StaffTimeline = {
    member: { handle: nextHandle++, name: staffNames.staffName(true), role: 'nurse' },
    from: at(leaveDay, 1235),
    until: Number.POSITIVE_INFINITY,
  };
  timeline.push(newcomer);
  const promoted = timeline[5] as StaffTimeline;
  const promoteDay = Math.floor(options.days * 0.6);
  timeline[5] = { ...promoted, becomes: { at: at(promoteDay, 1230), role: 'counselor' } };
  const firstManager = (timeline[0] as StaffTimeline).member.handle;
  const roleAt = (entry: StaffTimeline, when: number): StaffRole | null => {
    if (when < entry.from || when >= entry.until) return null;
    return entry.becomes && when >= entry.becomes.at ? entry.becomes.role : entry.member.role;
  };
  const staffFor = (random: SeededRandom, roles: readonly StaffRole[], when: number): Handle => {
    const candidates = timeline.filter((entry) => {
      const role = roleAt(entry, when);
      return role !== null && roles.includes(role);
    });
    return random.pick(candidates).member.handle;
  };

  // ---- patients -------------------------------------------------------------------------------
  const patients: PatientRecord[] = [];
  /** Handles repeated by loyalty: a uniform pick is a pick weighted by how often someone comes. */
  const regulars: PatientRecord[] = [];
  const chartSeq: Record<DeskKey, number> = { A: 0, B: 0, C: 0 };
  const prefixOf = (desk: DeskKey): string => `D${installations[desk].replace(/-/g, '').slice(-5).toUpperCase()}`;

  // ---- steps ----------------------------------------------------------------------------------
  const queue = stepQueue();
  let seq = 0;
  const put = (step: Omit<Step, 'seq' | 'how'> & { how?: Step['how'] }): void => {
    queue.push({ how: 'execute', ...step, seq: seq++ });
  };
  let offlineCount = 0;

  /** Registers a patient record; `until`: the record is merged away then, so nothing is planned on it after. */
  const registerPatient = (random: SeededRandom, when: number, desk: DeskKey, person: Person, until = Number.POSITIVE_INFINITY): PatientRecord => {
    const handle = nextHandle++;
    chartSeq[desk] += 1;
    put({
      at: when,
      desk,
      by: staffFor(random, ['desk', 'counselor'], when),
      type: 'RegisterPatient',
      makes: handle,
      payload: {
        name: person.name,
        phone: person.phone,
        ...(person.birthDate ? { birthDate: person.birthDate } : {}),
        chartNumber: `${prefixOf(desk)}-${chartSeq[desk]}`,
      },
    });
    const record: PatientRecord = { handle, person, registeredAt: when, mergedAt: until };
    patients.push(record);
    const loyalty = random.weighted([[1, 50], [2, 25], [4, 15], [10, 8], [25, 2]] as const);
    for (let i = 0; i < loyalty; i++) regulars.push(record);
    const later = when + random.int(10, 200) * DAY_MS;
    if (random.chance(0.03) && later < until) {
      put({ at: later, desk: random.pick(['A', 'B'] as const), by: staffFor(random, ['desk', 'counselor'], later), type: 'UpdatePatientContact', stream: handle, payload: { phone: people.phone() } });
    }
    return record;
  };

  /** A returning patient who was registered (and not merged away) before `when`, or a new one. */
  const patientFor = (random: SeededRandom, when: number, desk: DeskKey): PatientRecord => {
    const newShare = 0.07 + 0.6 * Math.exp(-patients.length / 600);
    if (!random.chance(newShare) && regulars.length > 0) {
      for (let tries = 0; tries < 8; tries++) {
        const found = random.pick(regulars);
        if (found.registeredAt < when - MINUTE && found.mergedAt > when + 30 * DAY_MS) return found;
      }
    }
    // Someone who is already a patient registered again by mistake (same name and phone): merged later.
    const picked = patients.length > 50 && random.chance(0.012) ? random.pick(patients) : undefined;
    const twin = picked && picked.mergedAt === Number.POSITIVE_INFINITY && picked.registeredAt < when - MINUTE ? picked : undefined;
    const mergeAt = twin ? when + random.int(1, 30) * DAY_MS + random.int(0, 300) * MINUTE : Number.POSITIVE_INFINITY;
    const record = registerPatient(random, when - MINUTE, desk, twin ? twin.person : people.patient(), mergeAt);
    if (twin) put({ at: mergeAt, desk: 'A', by: staffFor(random, ['manager'], mergeAt), type: 'MergePatients', stream: record.handle, payload: { into: ref(twin.handle) } });
    return record;
  };

  const pickProcedure = (random: SeededRandom): Procedure => random.weighted(PROCEDURES.map((p) => [p, p.weight] as const));
  const planOf = (random: SeededRandom, count: number) =>
    Array.from({ length: count }, () => {
      const procedure = pickProcedure(random);
      const discount = random.chance(0.3) ? round1000(procedure.price * random.pick([0.1, 0.15, 0.2])) : 0;
      return { procedure, item: { name: procedure.name, price: procedure.price, ...(discount > 0 ? { discount } : {}) } };
    });
  const byProcedure = (random: SeededRandom, procedure: Procedure, when: number): Handle =>
    /보톡스|필러|리프팅|울쎄라|인모드|리쥬란|주사|부스터/.test(procedure.name)
      ? staffFor(random, ['doctor'], when)
      : staffFor(random, ['nurse'], when);

  /** One visit whose slot (or arrival) is on `day`; its steps go into the queue. */
  const planVisit = (random: SeededRandom, day: number): void => {
    const hours = hoursOf(day) as { open: number; close: number };
    const front: DeskKey = random.chance(0.5) ? 'A' : 'B';
    const frontStaff = (when: number) => staffFor(random, random.chance(0.85) ? ['desk'] : ['counselor'], when);
    const visit = nextHandle++;
    const walkIn = random.chance(0.12);
    const duration = random.weighted([[30, 60], [60, 30], [90, 10]] as const);
    let slotDay = day;
    let slot = hours.open + 30 * random.int(0, Math.max(0, Math.floor((hours.close - hours.open - duration) / 30)));
    let deposit = 0;
    let doctor: Handle | undefined;
    const booked: { procedure: Procedure; item: { name: string; price: number; discount?: number } }[] = [];
    let openedAt: number;
    /** When the patient checked in (or walked in): the day's steps follow it. */
    let arrivedAt: number;
    const memoTimes: number[] = [];

    if (walkIn) {
      openedAt = at(day, slot + random.int(0, 25));
      arrivedAt = openedAt;
      const patient = patientFor(random, openedAt, front);
      if (random.chance(0.2)) booked.push(...planOf(random, 1));
      doctor = random.chance(0.5) ? staffFor(random, ['doctor'], openedAt) : undefined;
      put({
        at: openedAt,
        desk: front,
        by: frontStaff(openedAt),
        type: 'RegisterWalkIn',
        makes: visit,
        payload: {
          patientId: ref(patient.handle),
          ...(doctor !== undefined ? { doctorId: ref(doctor) } : {}),
          ...(random.chance(0.7) ? { purpose: random.pick(PURPOSES) } : {}),
          ...(booked.length > 0 ? { plan: booked.map((b) => b.item) } : {}),
        },
      });
    } else {
      const lead = random.weighted([[0, 10], [1, 20], [2, 15], [4, 15], [7, 15], [10, 10], [14, 10], [21, 5]] as const);
      const leadDay = Math.max(0, day - lead);
      const leadHours = hoursOf(leadDay) ?? { open: 600, close: 1200 };
      let minute = random.int(leadHours.open, leadHours.close - 1);
      if (leadDay === day) minute = Math.min(minute, slot - 60);
      openedAt = Math.max(at(leadDay, minute), at(0, 540));
      const patient = patientFor(random, openedAt, front);
      const channel = random.weighted([['phone', 45], ['online', 20], ['app', 35]] as const);
      deposit = random.chance(channel === 'phone' ? 0.08 : 0.25) ? 50_000 : 0;
      if (random.chance(0.3)) booked.push(...planOf(random, random.weighted([[1, 70], [2, 30]] as const)));
      doctor = random.chance(0.7) ? staffFor(random, ['doctor'], at(day, slot)) : undefined;
      put({
        at: openedAt,
        desk: front,
        by: frontStaff(openedAt),
        type: 'Reserve',
        makes: visit,
        payload: {
          patientId: ref(patient.handle),
          startAt: iso(at(day, slot)),
          endAt: iso(at(day, slot + duration)),
          ...(doctor !== undefined ? { doctorId: ref(doctor) } : {}),
          ...(random.chance(0.8) ? { purpose: random.pick(PURPOSES) } : {}),
          channel,
          ...(deposit > 0 ? { deposit: { amount: deposit, method: random.pick(['card', 'transfer'] as const) } } : {}),
          ...(booked.length > 0 ? { plan: booked.map((b) => b.item) } : {}),
        },
      });
      // A reschedule, to another time that day or a later open day within a week.
      const slotAt = at(day, slot);
      let changedAt = openedAt;
      if (slotAt - openedAt > 3 * 3_600_000 && random.chance(0.1)) {
        const when = openedAt + random.int(30, Math.floor((slotAt - openedAt) / MINUTE) - 60) * MINUTE;
        let target = day + random.weighted([[0, 40], [1, 20], [2, 15], [7, 25]] as const);
        while (hoursOf(target) === null) target += 1;
        const targetHours = hoursOf(target) as { open: number; close: number };
        const targetSlot = targetHours.open + 30 * random.int(0, Math.floor((targetHours.close - targetHours.open - duration) / 30));
        if (at(target, targetSlot) > when + 3_600_000) {
          slotDay = target;
          slot = targetSlot;
          changedAt = when;
          put({ at: when, desk: front, by: frontStaff(when), type: 'Reschedule', stream: visit, payload: { startAt: iso(at(target, slot)), endAt: iso(at(target, slot + duration)) } });
        }
      }
      const startAt = at(slotDay, slot);
      const outcome = random.weighted([['cancel', 8], ['no-show', 5], ['visit', 87]] as const);
      if (outcome !== 'visit') {
        if (outcome === 'cancel') {
          const last = Math.max(changedAt + 10 * MINUTE, startAt - 30 * MINUTE);
          const cancelAt = changedAt + random.int(5, Math.max(6, Math.floor((last - changedAt) / MINUTE))) * MINUTE;
          const canceler = frontStaff(cancelAt);
          put({ at: cancelAt, desk: front, by: canceler, type: 'CancelReservation', stream: visit, payload: random.chance(0.6) ? { reason: random.pick(CANCEL_REASONS) } : {} });
          if (deposit > 0 && random.chance(0.7)) {
            const refundAt = cancelAt + random.int(5, 120) * MINUTE;
            put({ at: refundAt, desk: 'A', by: staffFor(random, ['manager'], refundAt), type: 'RefundPayment', stream: visit, payload: { amount: deposit, reason: '예약금 환불' } });
          }
          // The other front desk, offline, rescheduled it meanwhile: a conflict once it syncs.
          if (random.chance(0.03) && cancelAt - changedAt > 20 * MINUTE) {
            const offline = offlineCount++;
            const other: DeskKey = front === 'A' ? 'B' : 'C';
            const decidedAt = cancelAt - random.int(1, 10) * MINUTE;
            put({ at: decidedAt, desk: other, by: frontStaff(decidedAt), how: 'offline', offline, type: 'Reschedule', stream: visit, payload: { startAt: iso(startAt + 3_600_000), endAt: iso(startAt + 3_600_000 + duration * MINUTE) } });
            const syncAt = cancelAt + random.int(5, 30) * MINUTE;
            put({ at: syncAt, desk: other, by: 'device', how: 'rebase', offline, type: 'Reschedule', stream: visit, payload: {} });
            if (random.chance(0.8)) {
              const resolveAt = syncAt + random.int(60, 48 * 60) * MINUTE;
              put({ at: resolveAt, desk: 'A', by: staffFor(random, ['manager'], resolveAt), how: 'resolve', offline, type: 'ResolveConflict', stream: visit, payload: { reason: '이미 취소된 예약' } });
            }
          }
        } else {
          const when = startAt + random.int(30, 90) * MINUTE;
          put({ at: when, desk: front, by: frontStaff(when), type: 'MarkNoShow', stream: visit, payload: {} });
        }
        for (let m = random.weighted([[0, 70], [1, 30]] as const); m > 0; m--) memoTimes.push(openedAt + random.int(1, 600) * MINUTE);
        addMemos(random, visit, memoTimes);
        return;
      }
      const checkInAt = startAt + random.int(-15, 10) * MINUTE;
      put({ at: checkInAt, desk: front, by: frontStaff(checkInAt), type: 'CheckIn', stream: visit, payload: { channel: random.chance(0.4) ? 'kiosk' : 'desk' } });
      arrivedAt = checkInAt;
    }

    // ---- the visit on the day -----------------------------------------------------------------
    let t = arrivedAt + MINUTE;
    if (doctor === undefined && random.chance(0.6)) {
      doctor = staffFor(random, ['doctor'], t);
      put({ at: t, desk: front, by: frontStaff(t), type: 'AssignDoctor', stream: visit, payload: { doctorId: ref(doctor) } });
    }
    const plan = [...booked];
    const consult = booked.length === 0;
    const consultant = staffFor(random, random.chance(0.7) ? ['counselor'] : ['doctor'], t);
    if (random.chance(0.015)) {
      // The patient leaves before anything is done (some after the consultation started).
      t += random.int(10, 40) * MINUTE;
      if (consult && random.chance(0.4)) put({ at: t, desk: 'C', by: consultant, type: 'StartConsultation', stream: visit, payload: { consultantId: ref(consultant) } });
      t += random.int(5, 30) * MINUTE;
      put({ at: t, desk: front, by: frontStaff(t), type: 'AbandonVisit', stream: visit, payload: random.chance(0.7) ? { reason: random.pick(ABANDON_REASONS) } : {} });
      addMemos(random, visit, memoTimes);
      return;
    }
    if (consult) {
      t += random.int(5, 25) * MINUTE;
      put({ at: t, desk: 'C', by: consultant, type: 'StartConsultation', stream: visit, payload: { consultantId: ref(consultant) } });
      t += random.int(10, 20) * MINUTE;
      const planned = random.chance(0.05) ? [] : planOf(random, random.weighted([[1, 20], [2, 35], [3, 30], [4, 15]] as const));
      plan.push(...planned);
      put({ at: t, desk: 'C', by: consultant, type: 'CompleteConsultation', stream: visit, payload: { plan: planned.map((p) => p.item) } });
      if (planned.length > 0 && random.chance(0.05)) {
        t += 2 * MINUTE;
        const added = planOf(random, 1)[0] as (typeof plan)[number];
        const kept = plan.map((p, index) => ({ itemId: String(index + 1), ...p.item }));
        plan.push(added);
        put({ at: t, desk: 'C', by: consultant, type: 'ChangeProcedurePlan', stream: visit, payload: { plan: [...kept, added.item], reason: random.pick(PLAN_CHANGE_REASONS) } });
      }
    } else {
      t += random.int(5, 15) * MINUTE;
    }
    const forms = [...new Set(plan.flatMap((p) => (p.procedure.consent ? [p.procedure.consent] : [])))];
    for (const form of forms) {
      if (!random.chance(0.85)) continue;
      t += MINUTE;
      put({ at: t, desk: 'C', by: staffFor(random, ['nurse'], t), type: 'RecordConsent', stream: visit, payload: { form, formVersion: CONSENT_VERSION } });
    }
    if (plan.length > 0 && random.chance(0.75)) {
      t += 2 * MINUTE;
      put({ at: t, desk: 'C', by: staffFor(random, ['nurse'], t), type: 'TakePhotos', stream: visit, payload: { stage: 'before', count: random.int(2, 6) } });
    }
    let charged = 0;
    plan.forEach((p, index) => {
      const itemId = String(index + 1);
      t += random.int(2, 8) * MINUTE;
      if (random.chance(0.03)) {
        put({ at: t, desk: 'C', by: staffFor(random, ['nurse'], t), type: 'SkipProcedure', stream: visit, payload: { itemId, reason: random.pick(SKIP_REASONS) } });
        return;
      }
      const performer = byProcedure(random, p.procedure, t);
      put({ at: t, desk: 'C', by: performer, type: 'StartProcedure', stream: visit, payload: { itemId, performedBy: ref(performer) } });
      t += p.procedure.minutes * MINUTE;
      put({ at: t, desk: 'C', by: performer, type: 'CompleteProcedure', stream: visit, payload: { itemId } });
      charged += p.item.price - (p.item.discount ?? 0);
    });
    if (plan.length > 0 && random.chance(0.55)) {
      const nurse = staffFor(random, ['nurse'], t);
      t += 3 * MINUTE;
      put({ at: t, desk: 'C', by: nurse, type: 'StartSoothingCare', stream: visit, payload: {} });
      t += random.int(10, 20) * MINUTE;
      put({ at: t, desk: 'C', by: nurse, type: 'CompleteSoothingCare', stream: visit, payload: {} });
    }
    if (plan.length > 0 && random.chance(0.5)) {
      t += 2 * MINUTE;
      put({ at: t, desk: 'C', by: staffFor(random, ['nurse'], t), type: 'TakePhotos', stream: visit, payload: { stage: 'after', count: random.int(2, 6) } });
    }
    const balance = charged - deposit;
    let paid = 0;
    t += random.int(3, 10) * MINUTE;
    const cashier = frontStaff(t);
    if (balance > 0) {
      const parts = balance >= 20_000 && random.chance(0.2) ? [round1000(balance * 0.5), 0] : [balance];
      if (parts.length === 2) parts[1] = balance - (parts[0] as number);
      for (const amount of parts) {
        put({ at: t, desk: front, by: cashier, type: 'RecordPayment', stream: visit, payload: { amount, method: random.weighted([['card', 70], ['cash', 10], ['transfer', 15], ['other', 5]] as const) } });
        paid += amount;
        t += MINUTE;
      }
    } else if (balance < 0) {
      put({ at: t, desk: 'A', by: staffFor(random, ['manager'], t), type: 'RefundPayment', stream: visit, payload: { amount: -balance, reason: '예약금 환불' } });
      t += MINUTE;
    }
    const checkOutAt = t;
    put({ at: checkOutAt, desk: front, by: cashier, type: 'CheckOut', stream: visit, payload: {} });
    if (paid > 0 && random.chance(0.02)) {
      const when = checkOutAt + random.int(1, 10) * DAY_MS + random.int(0, 300) * MINUTE;
      put({ at: when, desk: 'A', by: staffFor(random, ['manager'], when), type: 'RefundPayment', stream: visit, payload: { amount: Math.min(paid, round1000(paid * random.pick([0.2, 0.3, 0.5]))), reason: random.pick(REFUND_REASONS) } });
    }
    // The other front desk, offline, took the same payment again: recorded with an anomaly when it syncs, then refunded.
    if (paid > 0 && random.chance(0.004)) {
      const offline = offlineCount++;
      const other: DeskKey = front === 'A' ? 'B' : 'C';
      const decidedAt = checkOutAt - 2 * MINUTE;
      put({ at: decidedAt, desk: other, by: frontStaff(decidedAt), how: 'offline', offline, type: 'RecordPayment', stream: visit, payload: { amount: paid, method: 'card' } });
      const syncAt = checkOutAt + random.int(5, 30) * MINUTE;
      put({ at: syncAt, desk: other, by: 'device', how: 'rebase', offline, type: 'RecordPayment', stream: visit, payload: {} });
      const refundAt = syncAt + random.int(30, 24 * 60) * MINUTE;
      put({ at: refundAt, desk: 'A', by: staffFor(random, ['manager'], refundAt), type: 'RefundPayment', stream: visit, payload: { amount: paid, method: 'card', reason: '이중 결제 환불' } });
    }
    for (let m = random.weighted([[0, 10], [1, 25], [2, 30], [3, 20], [4, 15]] as const); m > 0; m--) {
      memoTimes.push(random.chance(0.8) ? openedAt + random.int(1, Math.max(2, Math.floor((checkOutAt - openedAt) / MINUTE))) * MINUTE : checkOutAt + random.int(1, 3 * 24 * 60) * MINUTE);
    }
    addMemos(random, visit, memoTimes);
  };

  function addMemos(random: SeededRandom, visit: Handle, times: readonly number[]): void {
    for (const when of times) {
      const desk = random.pick(DESKS);
      put({ at: when, desk, by: staffFor(random, desk === 'C' ? ['nurse', 'counselor', 'doctor'] : ['desk', 'counselor'], when), type: 'AddMemo', stream: visit, payload: { text: random.pick(MEMOS) } });
    }
  }

  // ---- the first day: set-up, staff, the membership package -----------------------------------
  const setup = root.fork('setup');
  let minute = 480;
  const hoursSetting = { mon: { open: '10:00', close: '20:00' }, tue: { open: '10:00', close: '20:00' }, wed: { open: '10:00', close: '20:00' }, thu: { open: '10:00', close: '21:00' }, fri: { open: '10:00', close: '20:00' }, sat: { open: '10:00', close: '16:00' } };
  const initial = timeline.slice(0, ROSTER.length);
  initial.forEach((entry, index) => {
    put({
      at: at(0, minute++),
      desk: 'A',
      by: index === 0 ? 'device' : firstManager,
      type: 'RegisterStaff',
      makes: entry.member.handle,
      payload: { name: entry.member.name, role: entry.member.role, pinHash: pinHashes[0] },
    });
    if (index === 0) put({ at: at(0, minute++), desk: 'A', by: firstManager, type: 'ConfigureClinic', stream: 'clinic', payload: { name: '라온 피부과의원 강남점', timeZone: 'Asia/Seoul', hours: hoursSetting } });
  });
  put({ at: leaving.until - MINUTE, desk: 'A', by: firstManager, type: 'DeactivateStaff', stream: leaving.member.handle, payload: { reason: '퇴사' } });
  put({ at: newcomer.from, desk: 'A', by: firstManager, type: 'RegisterStaff', makes: newcomer.member.handle, payload: { name: newcomer.member.name, role: 'nurse', pinHash: pinHashes[1] } });
  put({ at: (promoted.becomes ?? timeline[5]?.becomes ?? { at: at(promoteDay, 1230) }).at, desk: 'A', by: firstManager, type: 'ChangeStaffRole', stream: promoted.member.handle, payload: { role: 'counselor' } });
  for (let i = 0; i < 3; i++) {
    const day = Math.floor(((i + 1) * options.days) / 4);
    const member = setup.pick(initial.slice(2)).member.handle;
    put({ at: at(day, 1235 + i), desk: 'A', by: firstManager, type: 'ChangeStaffPin', stream: member, payload: { pinHash: pinHashes[2 + (i % 2)] } });
  }
  put({
    at: at(Math.floor(options.days * 0.4), 1240),
    desk: 'A',
    by: firstManager,
    type: 'ConfigureClinic',
    stream: 'clinic',
    payload: { name: '라온 피부과의원 강남점', timeZone: 'Asia/Seoul', hours: { ...hoursSetting, sat: { open: '10:00', close: '17:00' } } },
  });

  // The membership package: a VIP patient's visit on the first day, its sessions logged as memos all year.
  const longVisit = nextHandle++;
  {
    let t = at(0, 560);
    const vip = registerPatient(setup, t, 'A', people.patient());
    const deskStaff = staffFor(setup, ['desk'], at(0, 600));
    t = at(0, 600);
    put({ at: t, desk: 'A', by: deskStaff, type: 'Reserve', makes: longVisit, payload: { patientId: ref(vip.handle), startAt: iso(at(0, 610)), endAt: iso(at(0, 700)), channel: 'phone', plan: [{ name: '연간 피부관리 멤버십', price: 9_900_000 }] } });
    put({ at: at(0, 612), desk: 'A', by: deskStaff, type: 'CheckIn', stream: longVisit, payload: { channel: 'desk' } });
    const nurse = staffFor(setup, ['nurse'], at(0, 615));
    put({ at: at(0, 615), desk: 'C', by: nurse, type: 'StartProcedure', stream: longVisit, payload: { itemId: '1', performedBy: ref(nurse) } });
    put({ at: at(0, 680), desk: 'C', by: nurse, type: 'CompleteProcedure', stream: longVisit, payload: { itemId: '1' } });
    put({ at: at(0, 690), desk: 'A', by: deskStaff, type: 'RecordPayment', stream: longVisit, payload: { amount: 9_900_000, method: 'transfer' } });
    put({ at: at(0, 691), desk: 'A', by: deskStaff, type: 'CheckOut', stream: longVisit, payload: {} });
    const perDay = Math.max(1, Math.ceil(994 / Math.max(1, openDays)));
    let session = 0;
    for (let day = 0; day < options.days; day++) {
      const hours = hoursOf(day);
      if (!hours) continue;
      for (let i = 0; i < perDay && session < 994; i++) {
        session += 1;
        const when = at(day, hours.open + 5 + Math.floor(((hours.close - hours.open - 10) * (i + 0.5)) / perDay));
        put({ at: when, desk: 'A', by: staffFor(setup, ['desk'], when), type: 'AddMemo', stream: longVisit, payload: { text: `멤버십 관리 ${session}회차 사용 (잔여 ${Math.max(0, 994 - session)}회)` } });
      }
    }
  }

  // ---- the year, day by day -------------------------------------------------------------------
  const visitsRandom = root.fork('visits');
  const planned = new Set<number>();
  const planDay = (day: number): void => {
    if (planned.has(day) || day > options.days + LOOKAHEAD_DAYS) return;
    planned.add(day);
    if (hoursOf(day) === null) return;
    const date = dateOf(day);
    const month = Number(date.slice(5, 7));
    const season = month === 12 || month <= 2 ? 1.12 : month >= 6 && month <= 8 ? 0.88 : 1;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const mean = options.visitsPerDay * season * (weekday === 6 ? 0.75 : 1);
    const count = visitsRandom.around(mean, mean * 0.12, 1, Math.ceil(mean * 2));
    const dayRandom = visitsRandom.fork(`day-${day}`);
    for (let i = 0; i < count; i++) planVisit(dayRandom, day);
  };

  const collected: Step[] = [];
  let generated = false;
  const endMs = dayStart(options.days);
  const busyEndMs = dayStart(options.days + 1);
  const run = function* (): Generator<Step> {
    if (generated) throw new Error('the script of a year runs once');
    generated = true;
    for (let day = 0; day < LOOKAHEAD_DAYS; day++) planDay(day);
    for (let day = 0; day <= options.days; day++) {
      planDay(day + LOOKAHEAD_DAYS);
      const until = dayStart(day + 1);
      for (let step = queue.peek(); step && step.at < until; step = queue.peek()) {
        queue.pop();
        if (step.at < endMs) yield step;
        else if (step.at < busyEndMs && step.how === 'execute') collected.push(step);
      }
    }
  };


  let busyDay: { date: string; steps: readonly Step[] } | undefined;
  return {
    options,
    installations,
    tenantId,
    firstManager,
    staff: timeline.map((entry) => entry.member),
    pin,
    longVisit,
    startMs,
    steps: run,
    get busyDay() {
      if (!generated) throw new Error('the busy day is known once the year has run');
      busyDay ??= { date: dateOf(options.days), steps: collected };
      return busyDay;
    },
  };
};
