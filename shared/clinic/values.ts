import { z } from 'zod';
import { CalendarDate } from '../contract/values.js';

/** Value schemas of the clinic domain, shared by commands, the contract and read models. */

// One definition of an instant and an id for the domain and every contract (lower-case ids only).
export { Instant, Uuid as Id } from '../contract/values.js';

/** A patient's date of birth: a real date, not before 1900 (year 0000 or 9999 is a typing slip). */
export const BirthDate = CalendarDate('1900-01-01', '2099-12-31');

/** Positive whole won, at most one billion. */
export const Krw = z.number().int('whole won').positive('more than 0 won').max(1_000_000_000);
/** A discount may be zero. */
export const KrwOrZero = z.number().int('whole won').min(0).max(1_000_000_000);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text that shows nothing on a screen: whitespace, controls and format characters (zero-width
 * space and joiners, bidi marks, the byte-order mark, the soft hyphen), every other character
 * Unicode says to draw as nothing (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation
 * selectors), combining marks with no letter to sit on, and the braille blank U+2800.
 */
const SHOWS_NOTHING = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** Whether a person could see the text: a name made of fillers only is as good as no name. */
export const hasVisibleCharacter = (value: string): boolean => !SHOWS_NOTHING.test(value);

/** Free text a person typed: trimmed, with a visible character, bounded; control characters refused. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), 'no control characters')
    // A lone surrogate is not text: stored as UTF-8 it would silently turn into U+FFFD.
    .refine((value) => !LONE_SURROGATE.test(value), 'not well-formed Unicode text')
    .refine(hasVisibleCharacter, 'must contain a visible character');

export const PersonName = Text(60);
/** Korean mobile or landline numbers, digits with optional dashes or spaces: 010-1234-5678. */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{6,18}[0-9]$/, 'a phone number such as 010-1234-5678');

export const PaymentMethod = z.enum(['card', 'cash', 'transfer', 'other']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const StaffRole = z.enum(['desk', 'counselor', 'doctor', 'nurse', 'manager']);
export type StaffRole = z.infer<typeof StaffRole>;

/** Reads a phone number as digits only, the form read models index. */
export const phoneDigits = (phone: string): string => phone.replace(/[^0-9]/g, '');
