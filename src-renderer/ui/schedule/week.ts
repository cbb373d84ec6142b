/**
 * The clinic week the schedule shows: Monday to Sunday in the clinic's time zone, as clinic days
 * and as the half-open range of instants `schedule.range` takes.
 */
import { clinicDayRange, shiftDay } from '../../i18n/format.js';

/** The Monday of the week a clinic day (YYYY-MM-DD) falls in. */
export const mondayOf = (day: string): string => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 is Sunday
  return shiftDay(day, -((weekday + 6) % 7));
};

export const daysOfWeek = (monday: string): readonly string[] => Array.from({ length: 7 }, (_, i) => shiftDay(monday, i));

export const weekRange = (monday: string, timeZone: string): { from: string; to: string } => ({
  from: clinicDayRange(monday, timeZone).from,
  to: clinicDayRange(shiftDay(monday, 6), timeZone).to,
});
