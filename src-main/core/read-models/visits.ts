/**
 * read_visits: one row per visit, the visit's state folded with the domain's own evolve, in the
 * columns the day board and the schedule show and query by. Rows come from the visit's own stream
 * only; patient and doctor names are joined at query time.
 *
 * Laid out and written for speed, since every visit event passes through here inside its
 * command's transaction and every screen reads the day board:
 * - the table is clustered by (anchor_at, visit_id), so a day's visits sit together on a few
 *   pages; the folded state is not stored: the states of recently written visits are kept in
 *   memory, and a visit not among them is folded from its stream in the log (visit-fold.ts);
 * - a batch of events writes each visit once (flush), and a write that leaves the indexed columns
 *   (day, patient, doctor, slot) as they were updates only the others.
 */
import type { VisitState } from '../../../shared/clinic/visit/state.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';
import { evolveVisitWith, visitFolder } from './visit-fold.js';
import { balanceOf, planProgress, stageOf } from './visit-stage.js';

/** The indexed columns of a row: when they do not change, the narrow update leaves the indexes alone. */
interface Keys {
  readonly patient_id: string | null;
  readonly doctor_id: string | null;
  readonly start_at: string | null;
  readonly end_at: string | null;
  readonly anchor_at: string;
}

const KEY_COLUMNS = ['patient_id', 'doctor_id', 'start_at', 'end_at', 'anchor_at'] as const satisfies readonly (keyof Keys)[];

const sameKeys = (a: Keys, b: Keys): boolean => KEY_COLUMNS.every((column) => a[column] === b[column]);

interface Known {
  /** The version of the last event folded in. */
  version: number;
  state: VisitState;
  /** The indexed columns as stored; null when the visit has no row yet. */
  stored: Keys | null;
  /** Set while a write is kept back for the flush. */
  dirty: boolean;
}

/** Visits whose state stays in memory between batches; the least recently written go first. */
const REMEMBERED = 4_000;

export const visitsProjection: Projection = {
  name: 'visits',
  // 2: the stored state holds the visit's consents; 3: the state is tagged by status; 4: indexes
  // declared apart; 5: clustered by day, the state no longer stored (folded from the log);
  // 6: what the patient has paid so far (received); 7: indexes kept through a rebuild (projection.ts),
  // rebuilt once so that those a rebuild of 6 created packed full are filled as commands fill them.
  version: 7,
  deferrable: true,
  streamTypes: ['visit'],
  tables: ['read_visits'],
  schema: `
    CREATE TABLE read_visits (
      anchor_at      TEXT NOT NULL,  -- what places the visit on a day: slot start, else check-in
      visit_id       TEXT NOT NULL,
      patient_id     TEXT,
      doctor_id      TEXT,
      stage          TEXT NOT NULL,
      start_at       TEXT,           -- reservation slot, null for a walk-in
      end_at         TEXT,
      checked_in_at  TEXT,
      checked_out_at TEXT,
      channel        TEXT,
      purpose        TEXT,
      balance        INTEGER NOT NULL,
      received       INTEGER NOT NULL,  -- deposit + payments − refunds
      plan_done      INTEGER NOT NULL,
      plan_total     INTEGER NOT NULL,
      anomalies      INTEGER NOT NULL,
      version        INTEGER NOT NULL,  -- of the last event folded in
      PRIMARY KEY (anchor_at, visit_id)
    ) STRICT, WITHOUT ROWID;
    -- the projection finds a visit's row by its id
    CREATE UNIQUE INDEX read_visits_by_id ON read_visits (visit_id);
    CREATE INDEX read_visits_by_slot ON read_visits (start_at, end_at) WHERE start_at IS NOT NULL;
    CREATE INDEX read_visits_by_doctor ON read_visits (doctor_id, start_at) WHERE doctor_id IS NOT NULL;
    CREATE INDEX read_visits_by_patient ON read_visits (patient_id);
  `,
  bind: (db) => {
    const storedKeys = db.prepare<[string], Keys>('SELECT patient_id, doctor_id, start_at, end_at, anchor_at FROM read_visits WHERE visit_id = ?');
    const fold = visitFolder(db);
    const save = db.prepare(
      `INSERT INTO read_visits (anchor_at, visit_id, patient_id, doctor_id, stage, start_at, end_at, checked_in_at,
         checked_out_at, channel, purpose, balance, received, plan_done, plan_total, anomalies, version)
       VALUES (@anchor_at, @visit_id, @patient_id, @doctor_id, @stage, @start_at, @end_at, @checked_in_at,
         @checked_out_at, @channel, @purpose, @balance, @received, @plan_done, @plan_total, @anomalies, @version)
       ON CONFLICT (visit_id) DO UPDATE SET anchor_at = excluded.anchor_at, patient_id = excluded.patient_id,
         doctor_id = excluded.doctor_id, stage = excluded.stage, start_at = excluded.start_at, end_at = excluded.end_at,
         checked_in_at = excluded.checked_in_at, checked_out_at = excluded.checked_out_at, channel = excluded.channel,
         purpose = excluded.purpose, balance = excluded.balance, received = excluded.received, plan_done = excluded.plan_done,
         plan_total = excluded.plan_total, anomalies = excluded.anomalies, version = excluded.version`,
    );
    const update = db.prepare(
      `UPDATE read_visits SET stage = @stage, checked_in_at = @checked_in_at, checked_out_at = @checked_out_at,
         channel = @channel, purpose = @purpose, balance = @balance, received = @received, plan_done = @plan_done, plan_total = @plan_total,
         anomalies = @anomalies, version = @version
       WHERE visit_id = @visit_id`,
    );
    /**
     * A visit that stays on its day (same anchor_at) but changes some indexed columns (a doctor
     * assigned, a slot moved within the day): only those columns are set, so SQLite rewrites only
     * the indexes that hold them. The upsert's SET names the primary key, which rewrites every index.
     */
    const rekeyed = new Map<string, ReturnType<typeof db.prepare>>();
    const rekey = (changed: readonly (keyof Keys)[]) => {
      const key = changed.join(',');
      let statement = rekeyed.get(key);
      if (!statement) {
        statement = db.prepare(
          `UPDATE read_visits SET ${changed.map((column) => `${column} = @${column}`).join(', ')}, stage = @stage,
             checked_in_at = @checked_in_at, checked_out_at = @checked_out_at, channel = @channel, purpose = @purpose,
             balance = @balance, received = @received, plan_done = @plan_done, plan_total = @plan_total,
             anomalies = @anomalies, version = @version
           WHERE visit_id = @visit_id`,
        );
        rekeyed.set(key, statement);
      }
      return statement;
    };
    const remove = db.prepare<[string]>('DELETE FROM read_visits WHERE visit_id = ?');
    const known = new Map<string, Known>();
    const dirty = new Set<string>();

    /** The indexed columns of a state, or null when it places the visit on no day (then it has no row). */
    const keysOf = (state: VisitState): Keys | null => {
      const anchor = state.reservation?.startAt ?? state.checkedIn?.at;
      if (!stageOf(state) || !anchor) return null;
      return {
        patient_id: state.patientId,
        doctor_id: state.doctorId,
        start_at: state.reservation ? normalInstant(state.reservation.startAt) : null,
        end_at: state.reservation ? normalInstant(state.reservation.endAt) : null,
        anchor_at: normalInstant(anchor),
      };
    };

    const write = (visitId: string, entry: Known): void => {
      const { state } = entry;
      const keys = keysOf(state);
      entry.dirty = false;
      // A state that places the visit on no day (facts recorded on a stream no reservation or
      // walk-in opened) has no row until it does.
      if (!keys) return;
      const progress = planProgress(state);
      const row = {
        visit_id: visitId,
        stage: stageOf(state),
        checked_in_at: state.checkedIn ? normalInstant(state.checkedIn.at) : null,
        checked_out_at: state.status === 'checked-out' ? normalInstant(state.checkedOutAt) : null,
        channel: state.checkedIn?.channel ?? state.reservation?.channel ?? null,
        purpose: state.purpose,
        balance: balanceOf(state),
        received: (state.deposit?.amount ?? 0) + state.paid - state.refunded,
        plan_done: progress.done,
        plan_total: progress.total,
        anomalies: state.anomalies.length,
        version: entry.version,
      };
      const { stored } = entry;
      if (stored && sameKeys(stored, keys)) update.run(row);
      else if (stored && stored.anchor_at === keys.anchor_at) {
        const changed = KEY_COLUMNS.filter((column) => stored[column] !== keys[column]);
        rekey(changed).run({ ...row, ...keys });
      } else save.run({ ...row, ...keys });
      entry.stored = keys;
    };

    const forgetOldest = (): void => {
      for (const [visitId, entry] of known) {
        if (known.size <= REMEMBERED) return;
        if (entry.dirty) continue;
        known.delete(visitId);
      }
    };

    return {
      apply: (read) => {
        if (read.envelope.streamType !== 'visit' || !read.known) return;
        const visitId = read.envelope.streamId;
        let entry = known.get(visitId);
        // A remembered state is current unless a rolled-back transaction got ahead of the stored
        // row (its events never made it): then this event's version is not after the remembered one.
        if (entry && entry.version >= read.envelope.version) {
          dirty.delete(visitId);
          known.delete(visitId);
          entry = undefined;
        }
        if (!entry) {
          const folded = fold(visitId, read.envelope.version);
          entry = { version: folded.version, state: folded.state, stored: storedKeys.get(visitId) ?? null, dirty: false };
        }
        entry.state = evolveVisitWith(entry.state, read.event);
        entry.version = read.envelope.version;
        entry.dirty = true;
        known.delete(visitId); // re-insert: Map order is the order written
        known.set(visitId, entry);
        dirty.add(visitId);
      },
      flush: () => {
        for (const visitId of dirty) {
          const entry = known.get(visitId);
          if (entry) write(visitId, entry);
        }
        dirty.clear();
        forgetOldest();
      },
      discard: () => {
        known.clear();
        dirty.clear();
      },
      resetStream: (streamId) => {
        known.delete(streamId);
        dirty.delete(streamId);
        remove.run(streamId);
      },
    };
  },
};
