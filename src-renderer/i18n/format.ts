/**
 * How the desk writes values (../shared/docs/UI.md, "Values"): money `₩120,000`, 24-hour times and
 * dates in the clinic's time zone (`12월 1일 (화)` / `Tue, Dec 1`), phone numbers in full or masked
 * for anything a waiting room could see. Clinic-day arithmetic (a date in the clinic's zone ↔
 * instants) goes through @internationalized/date, which knows time zones.
 */
import {
  fromAbsolute,
  parseDate,
  Time,
  toCalendarDateTime,
  toZoned,
  today,
} from '@internationalized/date';
import type { CalendarDate } from '@internationalized/date';
import type { Language } from './catalog.js';

const LOCALE: Readonly<Record<Language, string>> = { ko: 'ko-KR', en: 'en-US' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
const memo = <F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F => {
  let made = cache.get(key) as F | undefined;
  if (!made) {
    made = make();
    cache.set(key, made);
  }
  return made;
};

export const formatMoney = (won: number, language: Language): string =>
  memo(`money:${language}`, () => new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'KRW', currencyDisplay: 'symbol' })).format(won);

/** 14:30, in the clinic's zone. */
export const formatTime = (instant: string, timeZone: string, language: Language): string =>
  memo(`time:${language}:${timeZone}`, () =>
    new Intl.DateTimeFormat(LOCALE[language], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
  ).format(new Date(instant));

/** `12월 1일 (화)` / `Tue, Dec 1`, for a clinic day given as YYYY-MM-DD. */
export const formatDay = (date: string, language: Language): string =>
  memo(`day:${language}`, () =>
    new Intl.DateTimeFormat(LOCALE[language], { month: language === 'ko' ? 'long' : 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' }),
  ).format(new Date(`${date}T00:00:00Z`));

/** The clinic day an instant falls on, YYYY-MM-DD. */
export const clinicDayOf = (instant: string, timeZone: string): string => fromAbsolute(Date.parse(instant), timeZone).toString().slice(0, 10);

export const clinicToday = (timeZone: string): string => today(timeZone).toString();

export const shiftDay = (date: string, days: number): string => parseDate(date).add({ days }).toString();

/** The instants a clinic day covers, [from, to). */
export const clinicDayRange = (date: string, timeZone: string): { from: string; to: string } => {
  const start = toZoned(parseDate(date), timeZone);
  return { from: start.toAbsoluteString(), to: start.add({ days: 1 }).toAbsoluteString() };
};

/** A wall-clock time on a clinic day, as the instant the contract wants. */
export const clinicInstant = (date: CalendarDate | string, time: Time, timeZone: string): string =>
  toZoned(toCalendarDateTime(typeof date === 'string' ? parseDate(date) : date, time), timeZone).toAbsoluteString();

/** The wall-clock time of an instant in the clinic's zone. */
export const clinicTimeOf = (instant: string, timeZone: string): Time => {
  const zoned = fromAbsolute(Date.parse(instant), timeZone);
  return new Time(zoned.hour, zoned.minute);
};

/** Whole minutes from `since` to `now`. */
export const minutesSince = (since: string, now: number): number => Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));

/** The groups of a Korean phone number: 010-1234-5678, 02-123-4567, 031-123-4567. */
const phoneGroups = (phone: string): [string, string, string] | null => {
  const digits = phone.replace(/[^0-9]/g, '');
  const match = (digits.startsWith('02') ? /^(02)(\d{3,4})(\d{4})$/ : /^(0\d{2})(\d{3,4})(\d{4})$/).exec(digits);
  return match ? [match[1] as string, match[2] as string, match[3] as string] : null;
};

export const formatPhone = (phone: string): string => phoneGroups(phone)?.join('-') ?? phone;

/** `010-****-5678`: only the last four digits show; a number of another shape keeps only its last four. */
export const maskPhone = (phone: string): string => {
  const groups = phoneGroups(phone);
  if (groups) return `${groups[0]}-${'*'.repeat(groups[1].length)}-${groups[2]}`;
  const digits = phone.replace(/[^0-9]/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
};
