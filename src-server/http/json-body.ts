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

/**
 * How deep objects and arrays nest (the outermost one is depth 1), stopping at `maxDepth` + 1,
 * and how many members (name: value pairs) all objects hold: one iterative walk for both.
 */
const shapeOf = (value: unknown, maxDepth: number): { readonly depth: number; readonly members: number } => {
  let members = 0;
  let depth = 0;
  const pending: { node: object; depth: number }[] = [];
  if (value !== null && typeof value === 'object') pending.push({ node: value, depth: 1 });
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.depth > depth) depth = item.depth;
    if (depth > maxDepth) break;
    const array = Array.isArray(item.node);
    const children: unknown[] = array ? (item.node as unknown[]) : Object.values(item.node);
    if (!array) members += children.length;
    for (const child of children) if (child !== null && typeof child === 'object') pending.push({ node: child, depth: item.depth + 1 });
  }
  return { depth, members };
};

/** True when objects and arrays nest deeper than `maxDepth` (the outermost one is depth 1). */
export const nestsDeeperThan = (value: unknown, maxDepth: number): boolean => shapeOf(value, maxDepth).depth > maxDepth;

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

/** Whether the quote at `at` is escaped: an odd run of backslashes before it. */
const escapedAt = (text: string, at: number): boolean => {
  let before = at - 1;
  while (text.charCodeAt(before) === BACKSLASH) before--;
  return (at - 1 - before) % 2 === 1;
};

/**
 * What a valid JSON text with `members` object members says that its parsed value does not keep.
 * Strings are skipped with indexOf (most of a body is strings); outside them every colon is a
 * member and every number token is checked.
 */
const lostIn = (text: string, members: number): string | undefined => {
  let colons = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      let end = text.indexOf('"', index + 1);
      while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) break;
      index = end;
    } else if (code === COLON) {
      colons++;
    } else if (code === MINUS || isDigit(code)) {
      let end = index + 1;
      while (end < text.length && inNumber(text.charCodeAt(end))) end++;
      const token = text.slice(index, end);
      if (!keptExactly(token)) return `the number ${token.slice(0, 40)} would not be stored as written`;
      index = end - 1;
    }
  }
  return colons === members ? undefined : 'an object names one key twice';
};

/** What a valid JSON text says that its parsed value does not keep, or undefined. */
export const lostInParsing = (text: string, value: unknown): string | undefined => lostIn(text, shapeOf(value, Number.POSITIVE_INFINITY).members);

export const parseJsonBody = (text: string, maxDepth: number): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HqError('MALFORMED', `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const shape = shapeOf(value, maxDepth);
  if (shape.depth > maxDepth) throw new HqError('MALFORMED', `The body nests deeper than ${maxDepth} levels`);
  const lost = lostIn(text, shape.members);
  if (lost !== undefined) throw new HqError('MALFORMED', `The body says more than JSON keeps: ${lost}`);
  return value;
};
