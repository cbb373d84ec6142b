/** read_staff: who works here, their role, whether they are active, and their PIN hash for sign-in. */
import type { StaffEvent } from '../../../shared/clinic/staff/events.js';
import type { Projection } from '../store/projection.js';

export const staffProjection: Projection = {
  name: 'staff',
  // 2: StaffRestoredAsManager (a rebuild applies those stored before this build could read them)
  version: 2,
  streamTypes: ['staff'],
  tables: ['read_staff'],
  schema: `
    CREATE TABLE read_staff (
      staff_id      TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      role          TEXT NOT NULL,
      active        INTEGER NOT NULL CHECK (active IN (0, 1)),
      pin_hash      TEXT NOT NULL,
      registered_at TEXT NOT NULL
    ) STRICT;
  `,
  bind: (db) => {
    const insert = db.prepare(
      `INSERT INTO read_staff (staff_id, name, role, active, pin_hash, registered_at)
       VALUES (@staff_id, @name, @role, 1, @pin_hash, @registered_at)`,
    );
    const role = db.prepare<[string, string]>('UPDATE read_staff SET role = ? WHERE staff_id = ?');
    const pin = db.prepare<[string, string]>('UPDATE read_staff SET pin_hash = ? WHERE staff_id = ?');
    const deactivate = db.prepare<[string]>('UPDATE read_staff SET active = 0 WHERE staff_id = ?');
    const restore = db.prepare<[string]>("UPDATE read_staff SET active = 1, role = 'manager' WHERE staff_id = ?");
    const remove = db.prepare<[string]>('DELETE FROM read_staff WHERE staff_id = ?');
    return {
      apply: (read) => {
        if (read.envelope.streamType !== 'staff' || !read.known) return;
        const id = read.envelope.streamId;
        const event = read.event as StaffEvent;
        switch (event.type) {
          case 'StaffRegistered':
            insert.run({
              staff_id: id,
              name: event.data.name,
              role: event.data.role,
              pin_hash: event.data.pinHash,
              registered_at: read.envelope.meta.raisedAt,
            });
            break;
          case 'StaffRoleChanged':
            role.run(event.data.role, id);
            break;
          case 'StaffPinChanged':
            pin.run(event.data.pinHash, id);
            break;
          case 'StaffDeactivated':
            deactivate.run(id);
            break;
          case 'StaffRestoredAsManager':
            restore.run(id);
            break;
        }
      },
      resetStream: (streamId) => void remove.run(streamId),
    };
  },
};
