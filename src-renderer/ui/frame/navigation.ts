/**
 * Which screen of the left navigation is open, and the patient it was opened for: the patient's
 * page opens the audit trail filtered to that patient ("who changed this, and when?").
 */
import { createContext, useContext } from 'react';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import type { ScreenId } from './screens.js';

export interface Navigation {
  readonly current: ScreenId;
  /** The patient the screen was opened for, if any. */
  readonly patient: PatientSummary | null;
  readonly open: (screen: ScreenId, patient?: PatientSummary) => void;
}

export const NavigationContext = createContext<Navigation>({ current: 'board', patient: null, open: () => undefined });

export const useNavigation = (): Navigation => useContext(NavigationContext);
