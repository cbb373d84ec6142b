/**
 * Patient search keys: every suffix of a name, of its Korean initial consonants and of the phone
 * number's digits, so "contains q" becomes "some key starts with q", one seek of an index instead
 * of a scan of every patient. Names are folded as SQLite's LIKE folds them (A–Z only), so the
 * search finds what a LIKE '%q%' found.
 */
import { initialsOf } from './hangul.js';

/** What a key was made from: the name, its initial consonants, or the phone's digits. */
export type SearchKeyKind = 'name' | 'initials' | 'phone';

/** ASCII letters to lower case, nothing else (LIKE's case folding). */
export const foldCase = (text: string): string => text.replace(/[A-Z]/g, (char) => char.toLowerCase());

/** Every suffix of `text`, by code point, longest first; duplicates once. */
export const suffixesOf = (text: string): string[] => {
  const chars = Array.from(text);
  return [...new Set(chars.map((_, index) => chars.slice(index).join('')))];
};

/** The keys of one patient record. */
export const searchKeysOf = (name: string, phoneDigits: string): { kind: SearchKeyKind; key: string }[] => [
  ...suffixesOf(foldCase(name)).map((key) => ({ kind: 'name' as const, key })),
  ...suffixesOf(initialsOf(name)).map((key) => ({ kind: 'initials' as const, key })),
  ...suffixesOf(phoneDigits).map((key) => ({ kind: 'phone' as const, key })),
];

/** The exclusive upper bound of the keys that start with `prefix`. */
export const prefixEnd = (prefix: string): string => `${prefix}\u{10FFFF}`;
