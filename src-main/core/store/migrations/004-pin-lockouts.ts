import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Wrong-PIN counts and lockouts. Local security state of this desk, not clinic history, so not
 * events: 5 wrong PINs lock a staff member on this desk for 5 minutes, across app restarts.
 */
export const migration004: Migration = {
  version: 4,
  name: 'pin-lockouts',
  up: (db) => {
    db.exec(`
      CREATE TABLE pin_lockouts (
        staff_id     TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL CHECK (failures >= 0),
        locked_until TEXT  -- ISO instant, null when not locked
      ) STRICT;
    `);
  },
};
