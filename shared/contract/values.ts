import { z } from 'zod';

/** Shared value schemas of the contracts: instants, dates, ids, names. */

/** ISO-8601 UTC instant with `Z`, e.g. 2026-11-25T09:30:00.000Z. */
export const Instant = z.iso.datetime({ message: 'an ISO-8601 UTC instant ending in Z' });
export type Instant = z.infer<typeof Instant>;

/** A clinic day in the clinic's time zone. */
export const LocalDate = z.iso.date({ message: 'a date as YYYY-MM-DD' });

export const Uuid = z.uuid({ message: 'a UUID' });

/** The id of a visit, patient or staff stream: a UUIDv7, so ids sort by creation time. */
export const StreamUuid = z.uuidv7({ message: 'a UUIDv7' });

/** Stream ids are UUIDs for visits, patients and staff; the clinic stream has a fixed name. */
export const StreamId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" or "-"');

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

/** A staff id, or `device:<installationId>` for an unattended device. */
export const Initiator = z.union([Uuid, z.string().regex(/^device:[0-9a-f-]{36}$/, 'device:<uuid>')]);

export const AppVersion = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.2.3');

/** Positive whole won. */
export const Krw = z.number().int().positive().max(1_000_000_000);
