/**
 * read_patients: one row per patient record, with the search keys precomputed: phone digits,
 * the last four digits, and the name's Korean initial consonants. A merged record keeps its row
 * with `merged_into` set; queries resolve it to the survivor.
 */
import type { PatientEvent } from '../../../shared/clinic/patient/events.js';
import { phoneDigits } from '../../../shared/clinic/values.js';
import type { Projection } from '../store/projection.js';
import { initialsOf } from './hangul.js';

export const patientsProjection: Projection = {
  name: 'patients',
  version: 1,
  tables: ['read_patients'],
  schema: `
    CREATE TABLE read_patients (
      patient_id    TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      name_initials TEXT NOT NULL,
      phone         TEXT NOT NULL,
      phone_digits  TEXT NOT NULL,
      phone_last4   TEXT NOT NULL,
      chart_number  TEXT NOT NULL,
      birth_date    TEXT,
      merged_into   TEXT,
      registered_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX read_patients_by_last4 ON read_patients (phone_last4);
    CREATE INDEX read_patients_by_chart ON read_patients (chart_number COLLATE NOCASE);
    CREATE INDEX read_patients_by_identity ON read_patients (name, phone_digits);
    CREATE INDEX read_patients_by_survivor ON read_patients (merged_into) WHERE merged_into IS NOT NULL;
  `,
  bind: (db) => {
    const insert = db.prepare(
      `INSERT INTO read_patients (patient_id, name, name_initials, phone, phone_digits, phone_last4, chart_number,
         birth_date, merged_into, registered_at)
       VALUES (@patient_id, @name, @name_initials, @phone, @phone_digits, @phone_last4, @chart_number, @birth_date, NULL,
         @registered_at)`,
    );
    const rename = db.prepare<[string, string, string]>('UPDATE read_patients SET name = ?, name_initials = ? WHERE patient_id = ?');
    const rephone = db.prepare<[string, string, string, string]>(
      'UPDATE read_patients SET phone = ?, phone_digits = ?, phone_last4 = ? WHERE patient_id = ?',
    );
    const merge = db.prepare<[string, string]>('UPDATE read_patients SET merged_into = ? WHERE patient_id = ?');
    const remove = db.prepare<[string]>('DELETE FROM read_patients WHERE patient_id = ?');
    return {
      apply: (read) => {
        if (read.envelope.streamType !== 'patient' || !read.known) return;
        const id = read.envelope.streamId;
        const event = read.event as PatientEvent;
        switch (event.type) {
          case 'PatientRegistered': {
            const digits = phoneDigits(event.data.phone);
            insert.run({
              patient_id: id,
              name: event.data.name,
              name_initials: initialsOf(event.data.name),
              phone: event.data.phone,
              phone_digits: digits,
              phone_last4: digits.slice(-4),
              chart_number: event.data.chartNumber,
              birth_date: event.data.birthDate ?? null,
              registered_at: read.envelope.meta.raisedAt,
            });
            break;
          }
          case 'PatientContactUpdated':
            if (event.data.name !== undefined) rename.run(event.data.name, initialsOf(event.data.name), id);
            if (event.data.phone !== undefined) {
              const digits = phoneDigits(event.data.phone);
              rephone.run(event.data.phone, digits, digits.slice(-4), id);
            }
            break;
          case 'PatientMerged':
            merge.run(event.data.into, id);
            break;
        }
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
