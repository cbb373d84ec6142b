import { z } from 'zod';
import { builtOnFirstRead } from '../../contract/built-on-first-read.js';
import { intent, type ClinicCommandSpecs, type CommandOf } from '../command-spec.js';
import { keptAsJson } from '../../contract/json-value.js';
import { PersonName } from '../values.js';

/** The one clinic stream of a tenant has this id (a fixed name: every other stream id is a UUID). */
export { CLINIC_STREAM_ID } from '../../contract/values.js';
export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const Clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time such as 09:30');
export const OpeningHours = z
  .strictObject({ open: Clock, close: Clock })
  .refine((hours) => hours.open < hours.close, 'close after open');
const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/**
 * Opening hours per weekday; a missing day is closed. Any other key is refused — "__proto__"
 * too, which a record schema alone would drop and so store hours other than those sent.
 */
export const WeeklyHours = keptAsJson(z.partialRecord(Weekday, OpeningHours));
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const clinicCommandPayloads = builtOnFirstRead({
  ConfigureClinic: () => z.strictObject({
    name: PersonName,
    timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Seoul').default(DEFAULT_TIME_ZONE),
    hours: WeeklyHours.default({}),
  }),
});

export type ClinicCommandType = keyof typeof clinicCommandPayloads;
export type ClinicPayload<T extends ClinicCommandType> = z.infer<(typeof clinicCommandPayloads)[T]>;
export type ClinicCommand = CommandOf<typeof clinicCommandPayloads>;

/** ConfigureClinic is an intent and opens no stream of its own: it always names CLINIC_STREAM_ID. */
export const clinicCommandSpecs = { ConfigureClinic: intent } as const satisfies ClinicCommandSpecs<ClinicCommand>;
