/**
 * read_visits: one row per visit, the visit's state folded with the domain's own evolve, plus
 * the columns the day board and the schedule query by. Rows come from the visit's own stream
 * only; patient and doctor names are joined at query time.
 */
import type { VisitState } from '../../../shared/clinic/visit/state.js';
import { clinicRegistry } from '../../../shared/clinic/registry.js';
import type { Projection } from '../store/projection.js';
import { normalInstant } from './clinic-time.js';
import { balanceOf, planProgress, stageOf } from './visit-stage.js';

const visitDecider = (() => {
  const definition = clinicRegistry.definition('visit');
  if (!definition) throw new Error('The clinic registry has no visit stream');
  return definition.decider;
})();

export const visitsProjection: Projection = {
  name: 'visits',
  // 2: the stored state holds the visit's consents; 3: the state is tagged by status.
  version: 3,
  tables: ['read_visits'],
  schema: `
    CREATE TABLE read_visits (
      visit_id       TEXT PRIMARY KEY,
      patient_id     TEXT,
      doctor_id      TEXT,
      stage          TEXT NOT NULL,
      start_at       TEXT,           -- reservation slot, null for a walk-in
      end_at         TEXT,
      anchor_at      TEXT NOT NULL,  -- what places the visit on a day: slot start, else check-in
      checked_in_at  TEXT,
      checked_out_at TEXT,
      channel        TEXT,
      purpose        TEXT,
      balance        INTEGER NOT NULL,
      plan_done      INTEGER NOT NULL,
      plan_total     INTEGER NOT NULL,
      anomalies      INTEGER NOT NULL,
      version        INTEGER NOT NULL,
      state          TEXT NOT NULL   -- the folded VisitState, JSON
    ) STRICT;
    CREATE INDEX read_visits_by_anchor ON read_visits (anchor_at);
    CREATE INDEX read_visits_by_slot ON read_visits (start_at, end_at) WHERE start_at IS NOT NULL;
    CREATE INDEX read_visits_by_doctor ON read_visits (doctor_id, start_at) WHERE doctor_id IS NOT NULL;
    CREATE INDEX read_visits_by_patient ON read_visits (patient_id);
  `,
  bind: (db) => {
    const load = db.prepare<[string], { state: string }>('SELECT state FROM read_visits WHERE visit_id = ?');
    const save = db.prepare(
      `INSERT INTO read_visits (visit_id, patient_id, doctor_id, stage, start_at, end_at, anchor_at, checked_in_at,
         checked_out_at, channel, purpose, balance, plan_done, plan_total, anomalies, version, state)
       VALUES (@visit_id, @patient_id, @doctor_id, @stage, @start_at, @end_at, @anchor_at, @checked_in_at,
         @checked_out_at, @channel, @purpose, @balance, @plan_done, @plan_total, @anomalies, @version, @state)
       ON CONFLICT (visit_id) DO UPDATE SET patient_id = excluded.patient_id, doctor_id = excluded.doctor_id,
         stage = excluded.stage, start_at = excluded.start_at, end_at = excluded.end_at, anchor_at = excluded.anchor_at,
         checked_in_at = excluded.checked_in_at, checked_out_at = excluded.checked_out_at, channel = excluded.channel,
         purpose = excluded.purpose, balance = excluded.balance, plan_done = excluded.plan_done,
         plan_total = excluded.plan_total, anomalies = excluded.anomalies, version = excluded.version,
         state = excluded.state`,
    );
    const remove = db.prepare<[string]>('DELETE FROM read_visits WHERE visit_id = ?');
    return {
      apply: (read) => {
        if (read.envelope.streamType !== 'visit' || !read.known) return;
        const row = load.get(read.envelope.streamId);
        const before = (row ? JSON.parse(row.state) : visitDecider.initialState()) as VisitState;
        const state = visitDecider.evolve(before, read.event) as VisitState;
        const stage = stageOf(state);
        const anchor = state.reservation?.startAt ?? state.checkedIn?.at;
        if (!stage || !anchor) return;
        const progress = planProgress(state);
        save.run({
          visit_id: read.envelope.streamId,
          patient_id: state.patientId,
          doctor_id: state.doctorId,
          stage,
          start_at: state.reservation ? normalInstant(state.reservation.startAt) : null,
          end_at: state.reservation ? normalInstant(state.reservation.endAt) : null,
          anchor_at: normalInstant(anchor),
          checked_in_at: state.checkedIn ? normalInstant(state.checkedIn.at) : null,
          checked_out_at: state.status === 'checked-out' ? normalInstant(state.checkedOutAt) : null,
          channel: state.checkedIn?.channel ?? state.reservation?.channel ?? null,
          purpose: state.purpose,
          balance: balanceOf(state),
          plan_done: progress.done,
          plan_total: progress.total,
          anomalies: state.anomalies.length,
          version: read.envelope.version,
          state: JSON.stringify(state),
        });
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
