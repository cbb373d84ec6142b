/**
 * Which screen of the left navigation is open, and the patient it was opened for: the patient's
 * page opens the audit trail filtered to that patient ("who changed this, and when?"). Held by
 * the frame, so the header (the sync badge opens the conflicts inbox) and the screens both open
 * screens; whoever signs in next starts on the day board.
 */
import { createContext, useContext, useMemo, useState } from 'react';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import type { ScreenId } from './screens.js';

export interface Navigation {
  readonly current: ScreenId;
  /** The patient the screen was opened for, if any. */
  readonly patient: PatientSummary | null;
  /** Counts the openings: a screen opened again (another patient) starts afresh. */
  readonly serial: number;
  readonly open: (screen: ScreenId, patient?: PatientSummary) => void;
}

export const NavigationContext = createContext<Navigation>({ current: 'board', patient: null, serial: 0, open: () => undefined });

export const useNavigation = (): Navigation => useContext(NavigationContext);

interface Opened {
  readonly current: ScreenId;
  readonly patient: PatientSummary | null;
  readonly serial: number;
}

/** The frame's navigation: back to the day board whenever nobody is signed in. */
export const useFrameNavigation = (signedIn: boolean): Navigation => {
  const [opened, setOpened] = useState<Opened>({ current: 'board', patient: null, serial: 0 });
  const [wasSignedIn, setWasSignedIn] = useState(signedIn);
  // Adjusted while rendering (React's pattern for state that follows a prop): no frame of the old screen.
  if (wasSignedIn !== signedIn) {
    setWasSignedIn(signedIn);
    if (!signedIn) setOpened((before) => ({ current: 'board', patient: null, serial: before.serial + 1 }));
  }
  return useMemo<Navigation>(
    () => ({
      ...opened,
      open: (current, patient) => setOpened((before) => ({ current, patient: patient ?? null, serial: before.serial + 1 })),
    }),
    [opened],
  );
};
