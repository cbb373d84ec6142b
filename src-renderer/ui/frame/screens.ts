/**
 * The screens of the left navigation, in its order. Part 2 (week schedule, patients, audit trail,
 * conflicts, settings) adds its entries here; the navigation shows only the screens that exist
 * and that the signed-in role may open.
 */
import type { ComponentType } from 'react';
import type { StaffRole } from '../../../shared/clinic/values.js';
import { METHOD_ACCESS } from '../../../shared/contract/desk-rpc.js';
import { AuditTrailScreen } from '../audit/AuditTrail.js';
import { DayBoardScreen } from '../board/DayBoard.js';
import { PatientsScreen } from '../patients/PatientsScreen.js';
import { WeekScheduleScreen } from '../schedule/WeekSchedule.js';
import { SYNC_SCREENS } from '../sync/sync-screens.js';

export type ScreenId = 'board' | 'schedule' | 'patients' | 'audit' | 'conflicts' | 'settings';

export interface Screen {
  readonly id: ScreenId;
  /** Roles that see it; every role when absent. */
  readonly roles?: readonly StaffRole[];
  readonly Component: ComponentType;
}

export const SCREENS: readonly Screen[] = [
  { id: 'board', Component: DayBoardScreen },
  { id: 'schedule', Component: WeekScheduleScreen },
  { id: 'patients', Component: PatientsScreen },
  // Who may read the audit trail is the contract's to say (METHOD_ACCESS).
  { id: 'audit', roles: METHOD_ACCESS['audit.query'].roles, Component: AuditTrailScreen },
  ...SYNC_SCREENS,
];

export { SyncBadge } from '../sync/sync-screens.js';
