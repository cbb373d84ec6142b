/**
 * Patient search as the desk types it: a name (or part of it), Korean initials (ㄱㅁㅅ → 김민수),
 * a phone number or its last four digits, or a chart number. Merged records are resolved: a hit on
 * a merged record shows its survivor, once.
 */
import type { PatientDetail, PatientSummary } from '../../../shared/contract/desk-views.js';
import { initialsOf, isInitialsQuery } from '../read-models/hangul.js';
import { foldCase, prefixEnd, type SearchKeyKind } from '../read-models/search-keys.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { boardVisitOf, VISIT_SELECT, type VisitRow } from './visit-rows.js';

const LIMIT = 50;

interface Row {
  patient_id: string;
  name: string;
  phone: string;
  chart_number: string;
  birth_date: string | null;
  merged_into: string | null;
}

const summaryOf = (row: Row): PatientSummary => ({
  patientId: row.patient_id,
  name: row.name,
  phone: row.phone,
  chartNumber: row.chart_number,
  birthDate: row.birth_date,
  mergedInto: row.merged_into,
});

const COLUMNS = 'patient_id, name, phone, chart_number, birth_date, merged_into';

/**
 * The records one of whose search keys of a kind starts with the text: a seek of the keys'
 * primary key (read-models/search-keys.ts), never a scan of every patient.
 */
export const PATIENTS_BY_KEY_SQL = `SELECT ${COLUMNS} FROM read_patients WHERE patient_id IN (
    SELECT patient_id FROM read_patient_keys WHERE kind = @kind AND key >= @from AND key < @to)
  ORDER BY name, patient_id LIMIT 200`;

/** A patient and every record merged into it, directly or through other merges (one `?`). */
export const PATIENT_FAMILY = `family(id) AS (
  SELECT ? UNION SELECT p.patient_id FROM read_patients p JOIN family f ON p.merged_into = f.id)`;

export const patientQueries = (db: ReadableDb) => {
  const byKey = db.prepare<{ kind: SearchKeyKind; from: string; to: string }, Row>(PATIENTS_BY_KEY_SQL);
  /** Records whose name (LIKE's case folding), initials or phone digits contain `text`. */
  const containing = (kind: SearchKeyKind, text: string): Row[] => {
    const from = kind === 'name' ? foldCase(text) : text;
    return byKey.all({ kind, from, to: prefixEnd(from) });
  };
  const byLast4 = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM read_patients WHERE phone_last4 = ? ORDER BY name, patient_id LIMIT 200`);
  const byChart = db.prepare<[string], Row>(
    `SELECT ${COLUMNS} FROM read_patients WHERE chart_number = ? COLLATE NOCASE ORDER BY patient_id LIMIT 200`,
  );
  const one = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM read_patients WHERE patient_id = ?`);
  const mergedInto = db.prepare<[string], { patient_id: string }>('SELECT patient_id FROM read_patients WHERE merged_into = ?');
  const visitsOf = db.prepare<[string], VisitRow>(
    `WITH RECURSIVE ${PATIENT_FAMILY} ${VISIT_SELECT} WHERE v.patient_id IN (SELECT id FROM family) ORDER BY v.anchor_at DESC`,
  ).raw();

  /** Follows merges to the record that survives (merges point at older records, so this ends). */
  const survivorOf = (row: Row): Row => {
    let current = row;
    for (let hops = 0; current.merged_into && hops < 16; hops++) {
      const next = one.get(current.merged_into);
      if (!next) break;
      current = next;
    }
    return current;
  };

  const search = (query: string): PatientSummary[] => {
    const q = query.trim();
    const digits = q.replace(/[^0-9]/g, '');
    const rows: Row[] = [];
    if (/^[0-9 -]+$/.test(q) && digits.length > 0) {
      if (digits.length === 4) rows.push(...byLast4.all(digits));
      rows.push(...containing('phone', digits));
    } else if (isInitialsQuery(q)) {
      rows.push(...containing('initials', q));
    } else {
      rows.push(...byChart.all(q), ...containing('name', q));
      // A mix of syllables and initials ("김ㅁㅅ") matches by initials, then each full syllable is checked.
      if (/[ㄱ-ㅎ]/.test(q)) {
        const wanted = Array.from(q);
        rows.push(
          ...containing('initials', initialsOf(q)).filter((row) => {
            const name = Array.from(row.name);
            return name.some((_, start) =>
              wanted.every((char, i) => {
                const have = name[start + i];
                return have !== undefined && (have === char || initialsOf(have) === char);
              }),
            );
          }),
        );
      }
    }
    const seen = new Set<string>();
    const results: PatientSummary[] = [];
    for (const row of rows) {
      const survivor = survivorOf(row);
      if (seen.has(survivor.patient_id)) continue;
      seen.add(survivor.patient_id);
      results.push(summaryOf(survivor));
      if (results.length === LIMIT) break;
    }
    return results;
  };

  const get = (patientId: string): PatientDetail | undefined => {
    const row = one.get(patientId);
    if (!row) return undefined;
    return {
      ...summaryOf(row),
      visits: visitsOf.all(patientId).map(boardVisitOf),
      merged: mergedInto.all(patientId).map((r) => r.patient_id),
    };
  };

  const summary = (patientId: string): PatientSummary | undefined => {
    const row = one.get(patientId);
    return row ? summaryOf(row) : undefined;
  };

  return { search, get, summary };
};

export type PatientQueries = ReturnType<typeof patientQueries>;
