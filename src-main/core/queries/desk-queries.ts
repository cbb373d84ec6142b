import type { ReadableDb } from '../../../src-node/sqlite/database.js';
import { auditQuery } from './audit-query.js';
import { clinicProfileQuery } from './clinic-profile.js';
import { conflictQueries } from './conflicts.js';
import { dayBoardQuery } from './day-board.js';
import { patientQueries } from './patient-search.js';
import { scheduleQuery } from './schedule.js';
import { staffDirectory } from './staff-directory.js';
import { visitRecordQuery } from './visit-record.js';
import { warningsQuery } from './warnings.js';

/** Every read the desk answers, over the read-only connection, statements prepared once. */
export const createDeskQueries = (db: ReadableDb) => ({
  clinic: clinicProfileQuery(db),
  staff: staffDirectory(db),
  dayBoard: dayBoardQuery(db),
  schedule: scheduleQuery(db),
  patients: patientQueries(db),
  audit: auditQuery(db),
  warnings: warningsQuery(db),
  visitRecord: visitRecordQuery(db),
  conflicts: conflictQueries(db),
});

export type DeskQueries = ReturnType<typeof createDeskQueries>;
