/**
 * Who is signed in at this desk. A shared front desk has one signed-in person at a time; the
 * desk signs out after a stretch without activity; 5 wrong PINs lock that staff member on this
 * desk for 5 minutes (kept in the database, so restarting the app does not reset it).
 */
import type { SessionInfo } from '../../shared/contract/desk-views.js';
import { deskError } from './rpc-errors.js';
import { verifyPin } from './pin-hash.js';
import type { StaffRecord } from './queries/staff-directory.js';
import { writeTransaction, type WritableDb } from '../../src-node/sqlite/database.js';

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;

export interface DeskSession {
  /** The signed-in staff member, after applying the idle timeout; undefined when nobody is. */
  readonly current: () => SessionInfo | undefined;
  /** Records activity, so the idle timeout starts again. */
  readonly touch: () => void;
  /** Checks a staff member's PIN as sign-in does: a wrong one counts toward the lockout (PIN_INCORRECT, then PIN_LOCKED). */
  readonly checkPin: (staff: StaffRecord, pin: string) => Promise<void>;
  readonly signIn: (staff: StaffRecord | undefined, pin: string) => Promise<SessionInfo>;
  readonly signOut: () => boolean;
}

export const createDeskSession = (options: {
  readonly db: WritableDb;
  readonly now: () => Date;
  readonly idleTimeoutMs: number;
  readonly onChange: () => void;
}): DeskSession => {
  const { db, now, idleTimeoutMs } = options;
  const lockout = db.prepare<[string], { failures: number; locked_until: string | null }>(
    'SELECT failures, locked_until FROM pin_lockouts WHERE staff_id = ?',
  );
  const saveLockout = db.prepare<[string, number, string | null]>(
    `INSERT INTO pin_lockouts (staff_id, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  );
  // Never an active lock: a success clears only the failures it saw.
  const clearFailures = db.prepare<[string, string]>('DELETE FROM pin_lockouts WHERE staff_id = ? AND (locked_until IS NULL OR locked_until <= ?)');

  let session: (SessionInfo & { lastActivity: number }) | undefined;

  const current = (): SessionInfo | undefined => {
    if (session && now().getTime() - session.lastActivity >= idleTimeoutMs) {
      session = undefined;
      options.onChange();
    }
    if (!session) return undefined;
    const { lastActivity: _, ...info } = session;
    return info;
  };

  const lockedUntil = (staffId: string): number | undefined => {
    const until = lockout.get(staffId)?.locked_until;
    return until && Date.parse(until) > now().getTime() ? Date.parse(until) : undefined;
  };

  const lock = (staff: StaffRecord): ReturnType<typeof deskError> => {
    writeTransaction(db, () => saveLockout.run(staff.staffId, 0, new Date(now().getTime() + PIN_LOCK_MS).toISOString()));
    return deskError('PIN_LOCKED', `Too many wrong PINs: ${staff.name} is locked on this desk for 5 minutes`);
  };

  /** Counts one wrong PIN; the count of wrong PINs since the last success or lock. */
  const countFailure = (staffId: string): number =>
    writeTransaction(db, () => {
      const failures = (lockout.get(staffId)?.failures ?? 0) + 1;
      saveLockout.run(staffId, failures, null);
      return failures;
    });

  /**
   * The PIN checks of one staff member run one after another, each on what the one before it
   * left: wrong PINs sent in parallel still share the five tries (the sixth finds the lock), right
   * ones never count toward it, and a success clears only the failures it saw, never a lock set
   * by an attempt that ran beside it. Checks of different staff members run side by side.
   */
  const turns = new Map<string, Promise<void>>();
  const inTurn = <T>(staffId: string, check: () => Promise<T>): Promise<T> => {
    const turn = (turns.get(staffId) ?? Promise.resolve()).then(check);
    const done = turn.then(
      () => undefined,
      () => undefined,
    );
    turns.set(staffId, done);
    void done.then(() => {
      if (turns.get(staffId) === done) turns.delete(staffId);
    });
    return turn;
  };

  const checkPin = (staff: StaffRecord, pin: string): Promise<void> =>
    inTurn(staff.staffId, async () => {
      const locked = lockedUntil(staff.staffId);
      if (locked) {
        const minutes = Math.ceil((locked - now().getTime()) / 60_000);
        throw deskError('PIN_LOCKED', `Too many wrong PINs: ${staff.name} is locked on this desk for ${minutes} more minute(s)`);
      }
      if (await verifyPin(pin, staff.pinHash)) {
        writeTransaction(db, () => clearFailures.run(staff.staffId, now().toISOString()));
        return;
      }
      const failures = countFailure(staff.staffId);
      if (failures >= MAX_PIN_FAILURES) throw lock(staff);
      const left = MAX_PIN_FAILURES - failures;
      throw deskError('PIN_INCORRECT', `Wrong PIN (${left} ${left === 1 ? 'try' : 'tries'} left)`);
    });

  const signIn = async (staff: StaffRecord | undefined, pin: string): Promise<SessionInfo> => {
    if (!staff) throw deskError('NOT_FOUND', 'No such staff member on this desk');
    if (!staff.active) throw deskError('FORBIDDEN', `${staff.name} is deactivated and cannot sign in`);
    await checkPin(staff, pin);
    const signedInAt = now();
    session = {
      staffId: staff.staffId,
      name: staff.name,
      role: staff.role,
      signedInAt: signedInAt.toISOString(),
      idleTimeoutMs,
      lastActivity: signedInAt.getTime(),
    };
    options.onChange();
    return current() as SessionInfo;
  };

  return {
    current,
    checkPin,
    touch: () => {
      if (session) session.lastActivity = now().getTime();
    },
    signIn,
    signOut: () => {
      const was = session !== undefined;
      session = undefined;
      if (was) options.onChange();
      return was;
    },
  };
};
