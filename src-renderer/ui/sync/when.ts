/** An instant as the sync screens show it: `14:30` today, `12월 1일 (화) 14:30` on another day, in the clinic's zone. */
import type { Language } from '../../i18n/catalog.js';
import { clinicDayOf, clinicToday, formatDay, formatTime } from '../../i18n/format.js';

export const formatWhen = (instant: string, timeZone: string, language: Language): string => {
  const day = clinicDayOf(instant, timeZone);
  const time = formatTime(instant, timeZone, language);
  return day === clinicToday(timeZone) ? time : `${formatDay(day, language)} ${time}`;
};

/** The later of two optional instants (the last time HQ answered a push or a pull). */
export const latestOf = (...instants: readonly (string | null)[]): string | null =>
  instants.reduce<string | null>((latest, each) => (each !== null && (latest === null || Date.parse(each) > Date.parse(latest)) ? each : latest), null);
