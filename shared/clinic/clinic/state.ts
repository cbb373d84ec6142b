import { DEFAULT_TIME_ZONE, type WeeklyHours } from './commands.js';

/**
 * The clinic's settings, tagged by `configured`. Before the first ClinicConfigured the time zone
 * is already the default, so read models can place visits on local days from the start.
 */
export type ClinicState =
  | { readonly configured: false; readonly name: null; readonly timeZone: string; readonly hours: WeeklyHours }
  | { readonly configured: true; readonly name: string; readonly timeZone: string; readonly hours: WeeklyHours };

export const initialClinicState = (): ClinicState => ({ configured: false, name: null, timeZone: DEFAULT_TIME_ZONE, hours: {} });
