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

/** The local clinic day (YYYY-MM-DD) of an instant given in epoch milliseconds. */
const localDateOf = (epochMs: number, timeZone: string): string => {
  const w = wallClock(timeZone, epochMs);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

const MINUTE = 60_000;
const SEARCH_SPAN = 26 * 60 * MINUTE;

/**
 * The instant the local day `date` (YYYY-MM-DD) begins in `timeZone`: the first minute whose
 * local date is `date`. Usually local midnight; where a zone skips midnight (DST starting at
 * 00:00, as in Santiago or São Paulo) it is 01:00. Offsets change only on whole minutes, so a
 * binary search over the minutes around the naive guess finds it exactly.
 */
const startOfLocalDay = (date: string, timeZone: string): number => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(year, month - 1, day);
  let low = (wallMidnight - SEARCH_SPAN) / MINUTE; // local date before `date`
  let high = (wallMidnight + SEARCH_SPAN) / MINUTE; // local date after `date`'s start
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDateOf(middle * MINUTE, timeZone) < date) low = middle;
    else high = middle;
  }
  return high * MINUTE;
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
export const clinicDayOf = (instant: string | number | Date, timeZone: string): string =>
  localDateOf(new Date(instant).getTime(), timeZone);

/**
 * An instant already in toISOString's form, 2026-11-25T09:30:00.000Z, on a day every month has
 * (Date rolls 2026-02-30 over to March 2, so days past the 28th take the long way).
 */
const NORMAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** Instants are stored in one format (with milliseconds) so that they compare as strings. */
export const normalInstant = (instant: string): string => (NORMAL.test(instant) ? instant : new Date(instant).toISOString());
