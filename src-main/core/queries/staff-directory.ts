import type { StaffSummary } from '../../../shared/contract/desk-views.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';

export interface StaffRecord extends StaffSummary {
  readonly pinHash: string;
}

interface Row {
  staff_id: string;
  name: string;
  role: StaffRole;
  active: number;
  pin_hash: string;
}

const recordOf = (row: Row): StaffRecord => ({
  staffId: row.staff_id,
  name: row.name,
  role: row.role,
  active: row.active === 1,
  pinHash: row.pin_hash,
});

/** Staff as the desk knows them. The PIN hash never leaves DeskCore: summaries drop it. */
export const staffDirectory = (db: ReadableDb) => {
  const all = db.prepare<[], Row>('SELECT staff_id, name, role, active, pin_hash FROM read_staff ORDER BY active DESC, name, staff_id');
  const one = db.prepare<[string], Row>('SELECT staff_id, name, role, active, pin_hash FROM read_staff WHERE staff_id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM read_staff');
  const managers = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM read_staff WHERE active = 1 AND role = 'manager'");
  return {
    list: (): StaffSummary[] => all.all().map(({ staff_id, name, role, active }) => ({ staffId: staff_id, name, role, active: active === 1 })),
    get: (staffId: string): StaffRecord | undefined => {
      const row = one.get(staffId);
      return row ? recordOf(row) : undefined;
    },
    count: (): number => count.get()?.n ?? 0,
    /** Active managers: a clinic keeps at least one (shared/clinic/staff/decide.ts). */
    activeManagers: (): number => managers.get()?.n ?? 0,
  };
};

export type StaffDirectory = ReturnType<typeof staffDirectory>;
