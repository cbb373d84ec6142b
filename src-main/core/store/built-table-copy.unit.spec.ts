import { describe, expect, it } from 'vitest';
import { builtTableCopySql, type TableColumn } from './built-table-copy.js';

const column = (name: string, more: Partial<TableColumn> = {}): TableColumn => ({ name, type: 'TEXT', notnull: 1, dflt_value: null, pk: 0, hidden: 0, ...more });
const audit = [column('position', { type: 'INTEGER', pk: 1 }), column('staff_id'), column('patient_id', { notnull: 0 })];

describe('copying a table a build thread made into the desk`s', () => {
  it('given the same columns in the same order, when the copy is written, then it is SELECT * (SQLite copies whole records)', () => {
    expect(builtTableCopySql('read_audit', audit, audit.map((c) => ({ ...c })))).toBe('INSERT INTO main."read_audit" SELECT * FROM built."read_audit"');
  });

  it('given the same columns in another order, when the copy is written, then each column is named', () => {
    const reordered = [audit[1], audit[0], audit[2]] as TableColumn[];
    expect(builtTableCopySql('read_audit', audit, reordered)).toBe(
      'INSERT INTO main."read_audit" ("position", "staff_id", "patient_id") SELECT "position", "staff_id", "patient_id" FROM built."read_audit"',
    );
  });

  it('given a column the thread`s table lacks, or one of another type, when the copy is written, then each column is named (a missing one fails the copy)', () => {
    const named = 'INSERT INTO main."read_audit" ("position", "staff_id", "patient_id") SELECT "position", "staff_id", "patient_id" FROM built."read_audit"';
    expect(builtTableCopySql('read_audit', audit, audit.slice(0, 2))).toBe(named);
    expect(builtTableCopySql('read_audit', audit, [audit[0], column('staff_id', { type: 'BLOB' }), audit[2]] as TableColumn[])).toBe(named);
    expect(builtTableCopySql('read_audit', audit, [])).toBe(named);
  });

  it('given a generated column, when the copy is written, then the columns are named without it (it cannot be written)', () => {
    const withGenerated = [...audit, column('day', { hidden: 3 })];
    expect(builtTableCopySql('read_audit', withGenerated, withGenerated)).toBe(
      'INSERT INTO main."read_audit" ("position", "staff_id", "patient_id") SELECT "position", "staff_id", "patient_id" FROM built."read_audit"',
    );
  });
});
