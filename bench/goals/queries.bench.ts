/**
 * Goal 3: the screens' reads through DeskCore (argument parsing, the query, the view) on desk A's
 * year: the day board, a doctor's week, patient search by name, by initial consonants and by the
 * last four digits, and the audit trail with each filter. Parameters vary over the data (days,
 * doctors, patients, staff) as a desk's would. Beside each: the bare indexed read of the same
 * main-table rows (no joins, no JSON). Goal: p99 < 5 ms each; name search never scans every
 * patient (checked on SQLite's query plan).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { initialsOf } from '../../src-main/core/read-models/hangul.js';
import { DATABASE_FILE } from '../../src-main/core/store/desk-store.js';
import { memorySecrets } from '../busy-day.js';
import type { Bench } from '../context.js';
import { APP_VERSION } from '../data/year-run.js';
import { seededRandom } from '../data/seeded-random.js';
import { latencies, ms, type Row } from '../report.js';
import { openDeskCore } from '../../src-main/core/desk-core.js';

const DAY_MS = 86_400_000;

interface Query {
  readonly name: string;
  readonly method: string;
  readonly args: () => unknown;
  /** The bare read it is compared with. */
  readonly raw: { readonly name: string; readonly run: () => unknown };
  /** SQL whose plan must not scan read_patients. */
  readonly planOf?: string;
}

export const queriesBench: Bench = async (context) => {
  const dataDir = context.copyDesk();
  const { info } = context.dataset;
  const clock = Date.parse(`${info.busyDay.date}T03:00:00Z`);
  const core = await openDeskCore({ dataDir, appVersion: APP_VERSION, secrets: memorySecrets(), now: () => new Date(clock), idleTimeoutMs: 7 * DAY_MS });
  const signedIn = await core.invoke('session.signIn', { staffId: info.manager.staffId, pin: info.manager.pin });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  const random = seededRandom('queries');
  try {
    const doctors = db.prepare("SELECT staff_id FROM read_staff WHERE role = 'doctor'").pluck().all() as string[];
    const staff = db.prepare('SELECT staff_id FROM read_staff').pluck().all() as string[];
    const patients = db
      .prepare('SELECT patient_id, name, phone_last4 FROM read_patients WHERE merged_into IS NULL ORDER BY patient_id')
      .all() as { patient_id: string; name: string; phone_last4: string }[];
    const someone = () => random.pick(patients);
    const last = Date.parse(`${info.busyDay.date}T00:00:00Z`);
    const days = Array.from({ length: Math.min(30, info.scale.days) }, (_, i) => new Date(last - i * DAY_MS).toISOString().slice(0, 10));
    const seoulDay = (date: string) => {
      const from = Date.parse(`${date}T00:00:00+09:00`);
      return { from: new Date(from).toISOString(), to: new Date(from + DAY_MS).toISOString() };
    };
    const week = () => {
      const from = Date.parse(`${random.pick(days)}T00:00:00+09:00`);
      return { from: new Date(from).toISOString(), to: new Date(from + 7 * DAY_MS).toISOString() };
    };
    const rawVisitsByAnchor = db.prepare('SELECT * FROM read_visits WHERE anchor_at >= ? AND anchor_at < ?');
    const rawVisitsByDoctor = db.prepare('SELECT * FROM read_visits WHERE doctor_id = ? AND start_at >= ? AND start_at < ?');
    const rawPatientByName = db.prepare('SELECT * FROM read_patients WHERE name = ?');
    const rawPatientByLast4 = db.prepare('SELECT * FROM read_patients WHERE phone_last4 = ?');
    const rawAudit = db.prepare('SELECT * FROM read_audit ORDER BY at DESC, position DESC LIMIT 51');
    const rawAuditStaff = db.prepare('SELECT * FROM read_audit WHERE staff_id = ? ORDER BY at DESC, position DESC LIMIT 51');
    const rawAuditPatient = db.prepare('SELECT * FROM read_audit WHERE patient_id = ? ORDER BY at DESC, position DESC LIMIT 51');
    const rawAuditPeriod = db.prepare('SELECT * FROM read_audit WHERE at >= ? AND at < ? ORDER BY at DESC, position DESC LIMIT 51');
    const given = (name: string) => (name.length > 2 ? name.slice(-2) : name);
    const queries: Query[] = [
      {
        name: 'board.day (a day of the last month)',
        method: 'board.day',
        args: () => ({ date: random.pick(days) }),
        raw: { name: "read_visits by anchor over the day", run: () => { const range = seoulDay(random.pick(days)); return rawVisitsByAnchor.all(range.from, range.to); } },
      },
      {
        name: 'schedule.range (a week, one doctor)',
        method: 'schedule.range',
        args: () => ({ ...week(), doctorId: random.pick(doctors) }),
        raw: { name: "read_visits by doctor over the week", run: () => { const range = week(); return rawVisitsByDoctor.all(random.pick(doctors), range.from, range.to); } },
      },
      {
        name: 'patients.search by full name',
        method: 'patients.search',
        args: () => ({ q: someone().name }),
        raw: { name: 'read_patients by exact name', run: () => rawPatientByName.all(someone().name) },
      },
      {
        name: 'patients.search by part of a name (given name)',
        method: 'patients.search',
        args: () => ({ q: given(someone().name) }),
        raw: { name: 'read_patients by exact name', run: () => rawPatientByName.all(someone().name) },
      },
      {
        name: 'patients.search by surname (one syllable)',
        method: 'patients.search',
        args: () => ({ q: someone().name.slice(0, 1) }),
        raw: { name: 'read_patients by exact name', run: () => rawPatientByName.all(someone().name) },
      },
      {
        name: 'patients.search by initial consonants',
        method: 'patients.search',
        args: () => ({ q: initialsOf(someone().name) }),
        raw: { name: 'read_patients by exact name', run: () => rawPatientByName.all(someone().name) },
      },
      {
        name: 'patients.search by last four digits',
        method: 'patients.search',
        args: () => ({ q: someone().phone_last4 }),
        raw: { name: 'read_patients by last four digits', run: () => rawPatientByLast4.all(someone().phone_last4) },
      },
      {
        name: 'audit.query, newest first',
        method: 'audit.query',
        args: () => ({ limit: 50 }),
        raw: { name: 'read_audit newest 51 rows', run: () => rawAudit.all() },
      },
      {
        name: 'audit.query by staff member',
        method: 'audit.query',
        args: () => ({ staffId: random.pick(staff), limit: 50 }),
        raw: { name: "read_audit newest 51 rows of a staff member", run: () => rawAuditStaff.all(random.pick(staff)) },
      },
      {
        name: 'audit.query by patient',
        method: 'audit.query',
        args: () => ({ patientId: someone().patient_id, limit: 50 }),
        raw: { name: "read_audit newest 51 rows of a patient", run: () => rawAuditPatient.all(someone().patient_id) },
      },
      {
        name: 'audit.query by period (a day)',
        method: 'audit.query',
        args: () => ({ ...seoulDay(random.pick(days)), limit: 50 }),
        raw: { name: 'read_audit newest 51 rows of a day', run: () => { const range = seoulDay(random.pick(days)); return rawAuditPeriod.all(range.from, range.to); } },
      },
    ];
    const rounds = context.quick ? 200 : 1_000;
    const rows: Row[] = [];
    for (const query of queries) {
      const timed: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < 20; i++) {
        await core.invoke(query.method, query.args());
        query.raw.run();
      }
      for (let i = 0; i < rounds; i++) {
        const args = query.args();
        let t0 = performance.now();
        const answer = await core.invoke(query.method, args);
        timed.push(performance.now() - t0);
        if (!answer.ok) throw new Error(`${query.method} ${JSON.stringify(args)}: ${answer.error.message}`);
        t0 = performance.now();
        query.raw.run();
        bare.push(performance.now() - t0);
      }
      const figure = latencies(timed);
      const baseline = latencies(bare);
      rows.push({
        goal: 3,
        name: query.name,
        figure: { value: figure.p99, unit: 'ms', detail: `p99; p50 ${ms(figure.p50)}, ${rounds} calls` },
        baseline: { name: query.raw.name, value: baseline.p99, unit: 'ms', detail: `p99; p50 ${ms(baseline.p50)}` },
        ratio: baseline.p99 / figure.p99,
        target: { of: 'value', atMost: 5, text: 'p99 < 5 ms' },
      });
    }
    return rows;
  } finally {
    db.close();
    await core.close({ syncTimeoutMs: 0 });
  }
};
