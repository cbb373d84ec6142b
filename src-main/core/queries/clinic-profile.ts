import { CLINIC_STREAM_ID, DEFAULT_TIME_ZONE } from '../../../shared/clinic/clinic/commands.js';
import type { ReadableDb } from '../../../src-node/sqlite/database.js';

export interface ClinicProfile {
  readonly configured: boolean;
  readonly name: string | null;
  readonly timeZone: string;
}

/** The clinic's name and time zone; Asia/Seoul until the clinic is configured (docs/architecture.md, "Clinic domain"). */
export const clinicProfileQuery = (db: ReadableDb) => {
  const row = db.prepare<[string], { name: string; time_zone: string }>('SELECT name, time_zone FROM read_clinic WHERE stream_id = ?');
  return (): ClinicProfile => {
    const found = row.get(CLINIC_STREAM_ID);
    return found ? { configured: true, name: found.name, timeZone: found.time_zone } : { configured: false, name: null, timeZone: DEFAULT_TIME_ZONE };
  };
};
