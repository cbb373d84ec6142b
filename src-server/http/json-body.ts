/**
 * The JSON body parser. JSON.parse itself copes with any nesting, but every later step that walks
 * a value recursively (validation, canonical comparison, JSON.stringify) would overflow the stack
 * on a hostile one; so depth is checked here, iteratively, before anything else sees the body.
 *
 * JSON.parse also drops things silently: of a key repeated in one object it keeps the last, and
 * it rounds every number to a double. HQ stores what a desk pushed or nothing, so a body whose
 * text says more than its parsed value keeps is refused whole (after parsing, nothing can tell
 * which event it was in). A desk writing with JSON.stringify never sends either.
 */
import { HqError } from './errors.js';

/** True when objects and arrays nest deeper than `maxDepth` (the outermost one is depth 1). */
export const nestsDeeperThan = (value: unknown, maxDepth: number): boolean => {
  const pending: { node: object; depth: number }[] = [];
  if (value !== null && typeof value === 'object') pending.push({ node: value, depth: 1 });
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.depth > maxDepth) return true;
    for (const child of Array.isArray(item.node) ? (item.node as unknown[]) : Object.values(item.node)) {
      if (child !== null && typeof child === 'object') pending.push({ node: child as object, depth: item.depth + 1 });
    }
  }
  return false;
};

/** Members (name: value pairs) of every object in a parsed value. */
const membersIn = (value: unknown): number => {
  let members = 0;
  const pending: object[] = value !== null && typeof value === 'object' ? [value] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const children: unknown[] = Array.isArray(node) ? (node as unknown[]) : Object.values(node);
    if (!Array.isArray(node)) members += children.length;
    for (const child of children) if (child !== null && typeof child === 'object') pending.push(child);
  }
  return members;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const MINUS = 0x2d;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
/** Characters a JSON number token is made of after its first: digits . e E + - */
const inNumber = (code: number) => isDigit(code) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === MINUS;

/** A decimal number written as sign, significant digits and exponent, so equal values compare equal. */
const decimalOf = (text: string): string | undefined => {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined; // Infinity, NaN
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const first = digits.search(/[1-9]/);
  if (first === -1) return `${sign}0`;
  return `${sign}0.${digits.slice(first).replace(/0+$/, '')}e${whole.length - first + Number(exponent)}`;
};

/** Whole numbers below 10^15 are doubles exactly; the rest must read the same when written back. */
const SURELY_EXACT = /^(?:-?[1-9]\d{0,14}|0)$/;
const keptExactly = (token: string): boolean => SURELY_EXACT.test(token) || decimalOf(token) === decimalOf(String(Number(token)));

/** What a valid JSON text says that its parsed value does not keep, or undefined. */
export const lostInParsing = (text: string, value: unknown): string | undefined => {
  let members = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      for (index++; index < text.length && text.charCodeAt(index) !== QUOTE; index++) {
        if (text.charCodeAt(index) === BACKSLASH) index++;
      }
    } else if (code === COLON) {
      members++;
    } else if (code === MINUS || isDigit(code)) {
      let end = index + 1;
      while (end < text.length && inNumber(text.charCodeAt(end))) end++;
      const token = text.slice(index, end);
      if (!keptExactly(token)) return `the number ${token.slice(0, 40)} would not be stored as written`;
      index = end - 1;
    }
  }
  return members === membersIn(value) ? undefined : 'an object names one key twice';
};

export const parseJsonBody = (text: string, maxDepth: number): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HqError('MALFORMED', `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (nestsDeeperThan(value, maxDepth)) throw new HqError('MALFORMED', `The body nests deeper than ${maxDepth} levels`);
  const lost = lostInParsing(text, value);
  if (lost !== undefined) throw new HqError('MALFORMED', `The body says more than JSON keeps: ${lost}`);
  return value;
};
