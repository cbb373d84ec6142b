import { z } from 'zod';
import { compiledOnFirstUse } from './compiled-on-first-use.js';

/** Shared value schemas of the contracts: instants, dates, ids, names. */

/**
 * The span every instant and clinic day must lie in: the years 2000 through 2099. Beyond it a
 * clinic has nothing to record, and dates far out (year 0000, 9999) break date arithmetic the
 * read models rely on.
 */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2099-12-31';
const FIRST_INSTANT = Date.parse(`${FIRST_DAY}T00:00:00.000Z`);
const END_INSTANT = Date.parse('2100-01-01T00:00:00.000Z');

/**
 * ISO-8601 UTC instant with `Z`, e.g. 2026-11-25T09:30:00.000Z: at most millisecond precision
 * (JavaScript, SQLite and every read model hold milliseconds; a finer one would be shown rounded
 * in one place and not in another), within the years 2000–2099.
 */
export const Instant = z.iso
  .datetime({ message: 'an ISO-8601 UTC instant ending in Z' })
  .regex(/:\d{2}(?:\.\d{1,3})?Z$/, 'at most millisecond precision')
  .refine((instant) => {
    const at = Date.parse(instant);
    return at >= FIRST_INSTANT && at < END_INSTANT;
  }, `between ${FIRST_DAY} and ${LAST_DAY} (UTC)`);
export type Instant = z.infer<typeof Instant>;

/** A calendar date as YYYY-MM-DD within [first, last]. */
export const CalendarDate = (first: string, last: string) =>
  z.iso.date({ message: 'a date as YYYY-MM-DD' }).refine((date) => date >= first && date <= last, `between ${first} and ${last}`);

/** A clinic day in the clinic's time zone, within the years 2000–2099. */
export const LocalDate = CalendarDate(FIRST_DAY, LAST_DAY);

/**
 * Every id (commandId, eventId, stream, staff, installation, device and tenant ids) has one
 * canonical form, lower-case UUID text. Another case is refused, never lower-cased on the way
 * in: ids are compared as text everywhere (SQLite, PostgreSQL, the command log), so two spellings
 * of one id would be two ids — a payment retried with its id in upper case would be paid twice.
 */
const LOWER_CASE = /^[^A-Z]*$/;
const LOWER_CASE_MESSAGE = 'a UUID in lower case';

export const Uuid = z.uuid({ message: 'a UUID' }).regex(LOWER_CASE, LOWER_CASE_MESSAGE);

/** The id of a visit, patient or staff stream: a UUIDv7, so ids sort by creation time. */
export const StreamUuid = z.uuidv7({ message: 'a UUIDv7' }).regex(LOWER_CASE, LOWER_CASE_MESSAGE);

/** The one clinic stream of a tenant has this fixed id; every other stream is named by a UUID. */
export const CLINIC_STREAM_ID = 'clinic';

/** Uuid's own checks compiled, for a refinement that runs once per event at HQ. */
const compiledUuid = compiledOnFirstUse(Uuid);
const isUuid = (text: string): boolean => compiledUuid().safeParse(text).success;

/** A stream's id: a lower-case UUID, or the clinic stream's fixed name. */
export const StreamId = z
  .string()
  .max(64)
  .refine((id) => id === CLINIC_STREAM_ID || isUuid(id), `a UUID in lower case, or "${CLINIC_STREAM_ID}"`);

/** PascalCase names of commands and events. */
export const TypeName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Z][A-Za-z0-9]*$/, 'a PascalCase type name');

export const StreamTypeName = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9-]*$/, 'a lower-case stream type');

/** A staff id, or `device:<installationId>` for an unattended device (the id in lower case, like every id). */
export const Initiator = z.union([Uuid, z.string().regex(/^device:[0-9a-f-]{36}$/, 'device:<uuid>')]);

export const AppVersion = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.2.3');

/** Positive whole won. */
export const Krw = z.number().int().positive().max(1_000_000_000);
