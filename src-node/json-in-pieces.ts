/**
 * JSON read from its UTF-8 bytes, in pieces when large: HQ's request bodies (src-server/http/json-body.ts,
 * which adds HQ's refusals) and the desk's reading of HQ's answers (src-main/core/sync/hq-client.ts).
 *
 * JSON.parse itself copes with any nesting, but every later step that walks a value recursively
 * (validation, canonical comparison, JSON.stringify) would overflow the stack on a hostile one; so
 * depth is measured here, iteratively. JSON.parse also drops things silently: of a key repeated in
 * one object it keeps the last, and it rounds every number to a double; lostIn finds both.
 *
 * A large body (a push or a pull page of hundreds of events) is parsed in pieces, from its bytes:
 * V8 makes any string over 128 KB in its large-object space, which costs about 5 µs a KB here (new
 * pages each time) against 0.1 µs in small strings, and one Korean letter makes the whole body two
 * bytes a character — 3–5 ms for a 320 KB body decoded as one string, before JSON.parse reads it.
 */

/**
 * How deep objects and arrays nest (the outermost one is depth 1), stopping at `maxDepth` + 1,
 * and how many members (name: value pairs) all objects hold: one iterative walk for both.
 */
export const shapeOf = (value: unknown, maxDepth: number): { readonly depth: number; readonly members: number } => {
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

/** Whether the quote at `at` is escaped: an odd run of backslashes before it (in a string or in its UTF-8 bytes). */
const escapedAt = (text: string | Uint8Array, at: number): boolean => {
  let before = at - 1;
  if (typeof text === 'string') while (text.charCodeAt(before) === BACKSLASH) before--;
  else while (text[before] === BACKSLASH) before--;
  return (at - 1 - before) % 2 === 1;
};

/**
 * What a valid JSON text with `members` object members says that its parsed value does not keep.
 * Strings are skipped with indexOf (most of a body is strings); outside them every colon is a
 * member and every number token is checked.
 */
export const lostIn = (text: string, members: number): string | undefined => {
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

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const isSpace = (code: number | undefined) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
const skipSpace = (bytes: Uint8Array, at: number): number => {
  let index = at;
  while (isSpace(bytes[index])) index++;
  return index;
};

/** Just past the string whose opening quote is at `at`, or -1 when the body ends inside it. */
const endOfString = (bytes: Buffer, at: number): number => {
  let end = bytes.indexOf(QUOTE, at + 1);
  while (end !== -1 && escapedAt(bytes, end)) end = bytes.indexOf(QUOTE, end + 1);
  return end === -1 ? -1 : end + 1;
};

/**
 * Where the value starting at `at` ends (exclusive), following strings and nesting only, or -1.
 * It judges nothing: JSON.parse does, of the pieces this cuts.
 */
const endOfValue = (bytes: Buffer, at: number): number => {
  let depth = 0;
  for (let index = at; index < bytes.length; index++) {
    const code = bytes[index];
    if (code === QUOTE) {
      const end = endOfString(bytes, index);
      if (end === -1) return -1;
      if (depth === 0) return end;
      index = end - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === 0) return index;
      depth--;
      if (depth === 0) return index + 1;
    } else if (depth === 0 && (code === COMMA || isSpace(code))) {
      return index;
    }
  }
  return depth === 0 ? bytes.length : -1;
};

/** The elements of the array whose `[` is at `at`, as byte spans, and where it ends; undefined when it does not close with `]`. */
const elementsOf = (bytes: Buffer, at: number): { readonly spans: [number, number][]; readonly end: number } | undefined => {
  const spans: [number, number][] = [];
  let start = at + 1;
  let depth = 0;
  for (let index = at + 1; index < bytes.length; index++) {
    const code = bytes[index];
    if (code === QUOTE) {
      const end = endOfString(bytes, index);
      if (end === -1) return undefined;
      index = end - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (code !== CLOSE_BRACKET) return undefined;
      // `[ ]` holds nothing; any other empty piece fails its JSON.parse
      if (spans.length > 0 || skipSpace(bytes, start) !== index) spans.push([start, index]);
      return { spans, end: index + 1 };
    } else if (code === COMMA && depth === 0) {
      spans.push([start, index]);
      start = index + 1;
    }
  }
  return undefined;
};

/**
 * A body that is one object, cut around its largest array-valued member: the rest (the skeleton,
 * that array written `[]`) and each element of the array. Undefined for any other shape.
 */
const cutBody = (bytes: Buffer): { readonly skeleton: string; readonly key: string; readonly elements: [number, number][] } | undefined => {
  let at = skipSpace(bytes, 0);
  if (bytes[at] !== OPEN_BRACE) return undefined;
  at = skipSpace(bytes, at + 1);
  const keys = new Set<string>();
  let largest: { key: string; open: number; end: number; spans: [number, number][] } | undefined;
  for (;;) {
    if (bytes[at] !== QUOTE) return undefined;
    const keyEnd = endOfString(bytes, at);
    if (keyEnd === -1) return undefined;
    let key: unknown;
    try {
      key = JSON.parse(bytes.toString('utf8', at, keyEnd));
    } catch {
      return undefined;
    }
    // a key named twice is refused whole (lostIn), and which one JSON.parse keeps is its business
    if (typeof key !== 'string' || keys.has(key)) return undefined;
    keys.add(key);
    at = skipSpace(bytes, keyEnd);
    if (bytes[at] !== COLON) return undefined;
    at = skipSpace(bytes, at + 1);
    if (bytes[at] === OPEN_BRACKET) {
      const array = elementsOf(bytes, at);
      if (!array) return undefined;
      if (!largest || array.end - at > largest.end - largest.open) largest = { key, open: at, end: array.end, spans: array.spans };
      at = array.end;
    } else {
      const end = endOfValue(bytes, at);
      if (end <= at) return undefined;
      at = end;
    }
    at = skipSpace(bytes, at);
    if (bytes[at] === COMMA) {
      at = skipSpace(bytes, at + 1);
      continue;
    }
    if (bytes[at] !== CLOSE_BRACE || skipSpace(bytes, at + 1) !== bytes.length || !largest) return undefined;
    return {
      skeleton: `${bytes.toString('utf8', 0, largest.open + 1)}${bytes.toString('utf8', largest.end - 1)}`,
      key: largest.key,
      elements: largest.spans,
    };
  }
};

/** Below this many bytes an element on average, a body is parsed whole (an envelope is ~600). */
const MIN_BYTES_A_PIECE = 64;

/**
 * The body parsed piece by piece, exactly as JSON.parse would parse it whole, or undefined when it
 * cannot tell (any shape but an object with an array member, anything refused): the whole parse
 * then decides. A text put together from valid JSON pieces at value positions is valid JSON with
 * those values. Given `maxDepth` (HQ, which refuses such bodies), a piece deeper than it or saying
 * more than its value keeps also leaves it to the whole parse; each piece is checked on its own, and
 * what the pieces drop adds up to what the whole would. Without it (the desk, which takes what
 * JSON.parse gives), pieces are only parsed.
 */
export const parsedInPieces = (bytes: Buffer, maxDepth?: number): { readonly value: unknown } | undefined => {
  const cut = cutBody(bytes);
  // Pieces pay off for a few hundred sizeable elements (a push's envelopes); for a great many tiny
  // ones (`[1,1,1,…]`) a parse each costs several times the whole parse, so that decides instead.
  if (!cut || cut.elements.length > bytes.length / MIN_BYTES_A_PIECE) return undefined;
  try {
    /** False when `text` is deeper than `depth` or says more than `parsed` keeps (only when judged). */
    const keeps = (text: string, parsed: unknown, depth: number): boolean => {
      if (maxDepth === undefined) return true;
      const shape = shapeOf(parsed, depth);
      return shape.depth <= depth && lostIn(text, shape.members) === undefined;
    };
    const value = JSON.parse(cut.skeleton) as Record<string, unknown>;
    if (!keeps(cut.skeleton, value, maxDepth ?? 0)) return undefined;
    const array = value[cut.key];
    if (!Array.isArray(array) || array.length !== 0) return undefined;
    // the array's elements sit two levels down (the body, the array)
    const elementDepth = (maxDepth ?? 0) - 2;
    for (const [start, end] of cut.elements) {
      const text = bytes.toString('utf8', start, end);
      const element: unknown = JSON.parse(text);
      if (!keeps(text, element, elementDepth)) return undefined;
      array.push(element);
    }
    return { value };
  } catch {
    return undefined;
  }
};

/** From this size a body is parsed in pieces (see the top); below it, whole. */
export const PIECES_FROM_BYTES = 64 * 1024;

/** Decodes as fetch's Response.text() does: UTF-8, a leading byte-order mark dropped, bad bytes replaced. */
const utf8 = new TextDecoder();

/**
 * JSON.parse of the bytes' text as Response.text() decodes it: the same value, or the same
 * SyntaxError. In pieces from `piecesFromBytes`, only parsed, not judged (a piece refused for any
 * reason leaves the whole text to JSON.parse).
 */
export const parseJsonBytes = (bytes: Buffer, piecesFromBytes = PIECES_FROM_BYTES): unknown => {
  const pieces = bytes.length >= piecesFromBytes ? parsedInPieces(bytes) : undefined;
  return pieces ? pieces.value : JSON.parse(utf8.decode(bytes));
};
