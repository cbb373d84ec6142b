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
  /** Checks a staff member's PIN as sign-in does: counted towards the lockout, PIN_INCORRECT or PIN_LOCKED. */
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
  const clearLockout = db.prepare<[string]>('DELETE FROM pin_lockouts WHERE staff_id = ?');

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

  /**
   * Counts an attempt before its PIN is checked, in one synchronous step: attempts sent in
   * parallel cannot all read the same count while the slow hash runs, and so cannot get more
   * than five guesses between them.
   */
  const countAttempt = (staffId: string): number =>
    writeTransaction(db, () => {
      const attempts = (lockout.get(staffId)?.failures ?? 0) + 1;
      saveLockout.run(staffId, attempts, null);
      return attempts;
    });

  const checkPin = async (staff: StaffRecord, pin: string): Promise<void> => {
    const locked = lockedUntil(staff.staffId);
    if (locked) {
      const minutes = Math.ceil((locked - now().getTime()) / 60_000);
      throw deskError('PIN_LOCKED', `Too many wrong PINs: ${staff.name} is locked on this desk for ${minutes} more minute(s)`);
    }
    const attempt = countAttempt(staff.staffId);
    if (attempt > MAX_PIN_FAILURES) throw lock(staff);
    const correct = await verifyPin(pin, staff.pinHash);
    if (!correct) {
      if (attempt >= MAX_PIN_FAILURES) throw lock(staff);
      const left = MAX_PIN_FAILURES - attempt;
      throw deskError('PIN_INCORRECT', `Wrong PIN (${left} ${left === 1 ? 'try' : 'tries'} left)`);
    }
    writeTransaction(db, () => clearLockout.run(staff.staffId));
  };

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
