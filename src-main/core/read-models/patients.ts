/**
 * read_patients: one row per patient record, with the search keys precomputed: phone digits,
 * the last four digits, and the name's Korean initial consonants; read_patient_keys: every suffix
 * of the name, of its initials and of the phone's digits (search-keys.ts), so a search seeks an
 * index. A merged record keeps its rows with `merged_into` set; queries resolve it to the survivor.
 */
import type { PatientEvent } from '../../../shared/clinic/patient/events.js';
import { phoneDigits } from '../../../shared/clinic/values.js';
import type { Projection } from '../store/projection.js';
import { initialsOf } from './hangul.js';
import { searchKeysOf, suffixesOf, type SearchKeyKind } from './search-keys.js';

export const patientsProjection: Projection = {
  name: 'patients',
  // 2: search keys (read_patient_keys); 3: clustered by patient id (one seek per join from a visit).
  version: 3,
  deferrable: true,
  streamTypes: ['patient'],
  tables: ['read_patients', 'read_patient_keys'],
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
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX read_patients_by_last4 ON read_patients (phone_last4);
    CREATE INDEX read_patients_by_chart ON read_patients (chart_number COLLATE NOCASE);
    CREATE INDEX read_patients_by_identity ON read_patients (name, phone_digits);
    CREATE INDEX read_patients_by_survivor ON read_patients (merged_into) WHERE merged_into IS NOT NULL;
    CREATE TABLE read_patient_keys (
      kind       TEXT NOT NULL,  -- name, initials, phone
      key        TEXT NOT NULL,  -- a suffix of the (case-folded) name, of its initials or of the phone's digits
      patient_id TEXT NOT NULL,
      PRIMARY KEY (kind, key, patient_id)
    ) STRICT, WITHOUT ROWID;
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
    const current = db.prepare<[string], { name: string; phone_digits: string }>('SELECT name, phone_digits FROM read_patients WHERE patient_id = ?');
    const addKey = db.prepare<[SearchKeyKind, string, string]>('INSERT OR IGNORE INTO read_patient_keys (kind, key, patient_id) VALUES (?, ?, ?)');
    const dropKey = db.prepare<[SearchKeyKind, string, string]>('DELETE FROM read_patient_keys WHERE kind = ? AND key = ? AND patient_id = ?');
    const addKeys = (id: string, keys: readonly { kind: SearchKeyKind; key: string }[]) => keys.forEach(({ kind, key }) => addKey.run(kind, key, id));
    const dropKeys = (id: string, keys: readonly { kind: SearchKeyKind; key: string }[]) => keys.forEach(({ kind, key }) => dropKey.run(kind, key, id));
    const nameKeys = (name: string) => searchKeysOf(name, '').filter((key) => key.kind !== 'phone');
    const phoneKeys = (digits: string) => suffixesOf(digits).map((key) => ({ kind: 'phone' as const, key }));
    return {
      apply: (read) => {
        if (read.envelope.streamType !== 'patient' || !read.known) return;
        const id = read.envelope.streamId;
        const event = read.event as PatientEvent;
        switch (event.type) {
          case 'PatientRegistered': {
            const digits = phoneDigits(event.data.phone);
            addKeys(id, searchKeysOf(event.data.name, digits));
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
          case 'PatientContactUpdated': {
            const before = current.get(id);
            if (event.data.name !== undefined) {
              if (before) {
                dropKeys(id, nameKeys(before.name));
                addKeys(id, nameKeys(event.data.name));
              }
              rename.run(event.data.name, initialsOf(event.data.name), id);
            }
            if (event.data.phone !== undefined) {
              const digits = phoneDigits(event.data.phone);
              if (before) {
                dropKeys(id, phoneKeys(before.phone_digits));
                addKeys(id, phoneKeys(digits));
              }
              rephone.run(event.data.phone, digits, digits.slice(-4), id);
            }
            break;
          }
          case 'PatientMerged':
            merge.run(event.data.into, id);
            break;
        }
      },
      resetStream: (streamId) => {
        const before = current.get(streamId);
        if (before) dropKeys(streamId, searchKeysOf(before.name, before.phone_digits));
        remove.run(streamId);
      },
    };
  },
};
