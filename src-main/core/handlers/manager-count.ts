/**
 * A clinic keeps an active manager (shared/clinic/staff/decide.ts), but one staff stream cannot
 * see the others. So the desk counts the active managers in its staff read model — the
 * cross-stream check an offline desk can make — and says the count in every command that could
 * remove one (`activeManagers`); the staff decider refuses to remove the last. Two offline desks
 * can still each remove a different manager: the warnings then say so, and a desk's machine
 * restores one (recovery/restore-manager.ts).
 */
import type { StaffDirectory } from '../queries/staff-directory.js';

const REMOVES_A_MANAGER = new Set(['ChangeStaffRole', 'DeactivateStaff']);

/**
 * `payload` with the desk's count of active managers when `type` could remove one. A retried
 * command keeps the count it was first given (`recorded`), so it dedupes as the same command.
 */
export const withManagerCount = (staff: StaffDirectory, type: string, payload: object, recorded?: unknown): object => {
  if (!REMOVES_A_MANAGER.has(type)) return payload;
  const earlier = typeof recorded === 'object' && recorded !== null ? (recorded as { activeManagers?: unknown }).activeManagers : undefined;
  return { ...payload, activeManagers: typeof earlier === 'number' ? earlier : staff.activeManagers() };
};
