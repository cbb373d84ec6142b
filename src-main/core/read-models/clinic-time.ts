/**
 * Clinic days in the clinic's time zone. A visit at 23:30 local time belongs to that local day,
 * whatever the UTC date. Uses Intl (tz database of the runtime), no library.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** Wall-clock fields of an instant in a time zone. */
const wallClock = (timeZone: string, epochMs: number) => {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields as { year: number; month: number; day: number; hour: number; minute: number; second: number };
};

/** How far the zone's wall clock is ahead of UTC at an instant. */
const offsetMs = (timeZone: string, epochMs: number): number => {
  const w = wallClock(timeZone, epochMs);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
};

/** The instant the local day `date` (YYYY-MM-DD) begins in `timeZone`. */
const startOfLocalDay = (date: string, timeZone: string): number => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(year, month - 1, day);
  // Two passes settle days whose offset differs at midnight and a few hours earlier (DST).
  const first = wallMidnight - offsetMs(timeZone, wallMidnight);
  return wallMidnight - offsetMs(timeZone, first);
};

/** [start, end) of a local clinic day as ISO instants. */
export const clinicDayRange = (date: string, timeZone: string): { from: string; to: string } => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    from: new Date(startOfLocalDay(date, timeZone)).toISOString(),
    to: new Date(startOfLocalDay(next.toISOString().slice(0, 10), timeZone)).toISOString(),
  };
};

/** The local clinic day (YYYY-MM-DD) of an instant. */
export const clinicDayOf = (instant: string | number | Date, timeZone: string): string => {
  const w = wallClock(timeZone, new Date(instant).getTime());
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

/** Instants are stored in one format (with milliseconds) so that they compare as strings. */
export const normalInstant = (instant: string): string => new Date(instant).toISOString();
