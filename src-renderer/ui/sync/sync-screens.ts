/**
 * What the sync part of the screens adds to the frame: its screens of the left navigation (the
 * conflicts inbox, the settings) and the header's always-visible badge. Kept apart from
 * frame/screens.ts so the sync screens grow in their own folder.
 */
import './sync.css';
import type { ComponentType } from 'react';
import type { Screen } from '../frame/screens.js';
import { ROLES } from '../../../shared/clinic/permissions.js';
import { ConflictsScreen } from './ConflictsScreen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { SyncBadge as Badge } from './SyncBadge.js';

/** After the other screens, in this order. */
export const SYNC_SCREENS: readonly Screen[] = [
  { id: 'conflicts', Component: ConflictsScreen },
  { id: 'settings', roles: ROLES.managers, Component: SettingsScreen },
];

/** The header's sync badge; the header keeps its place empty while there is none. */
export const SyncBadge: ComponentType | null = Badge;
