import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIECES_FROM_BYTES, lostIn, lostInParsing, nestsDeeperThan, parseJsonBytes, parsedInPieces, shapeOf } from './json-in-pieces.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('how deep JSON nests', () => {
  it('counts the outermost object or array as depth 1; scalars have none', () => {
    expect(nestsDeeperThan(JSON.parse(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(4)), 3)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }], c: 'text' }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestsDeeperThan('just text', 1)).toBe(false);
  });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(nestsDeeperThan(JSON.parse(nested(1_000_000)), 32)).toBe(true);
  });
});

describe('what JSON.parse would drop', () => {
  const lost = (text: string) => lostInParsing(text, JSON.parse(text));

  it.each([
    ['a key named twice', '{"a":1,"b":{"c":1,"c":2}}', /key twice/],
    ['the same key twice with the same value', '[{"a":1,"a":1}]', /key twice/],
    ['more digits than a double holds', '{"n":12345678901234567890}', /12345678901234567890/],
    ['a decimal that rounds', '[0.1000000000000000055511151231257827]', /0\.1000/],
    ['-0', '[-0]', /-0/],
    ['-0.0e3', '[-0.0e3]', /-0\.0e3/],
    ['a number beyond a double', '[1e400]', /1e400/],
  ])('finds %s', (_label, text, message) => {
    expect(lost(text)).toMatch(message);
  });

  it.each([
    '{"a":1,"b":[{"a":1}],"c":{"a":{"a":null}}}',
    '{"colon: inside":"and \\"a:b\\" in a string","\\\\":"\\\\"}',
    '[0, -1, 1.5, 1.0, 1e2, 1E+2, 0.1, 1e21, 5e-324, 9007199254740992.0e0, 123456789012345, -999999999999999]',
    '{"__proto__":{"a":1},"x":{"__proto__":2}}',
    '"just a string: with a colon"',
    '12',
  ])('keeps everything of %s', (text) => {
    expect(lost(text)).toBeUndefined();
  });

  it('never finds anything lost in a text JSON.stringify wrote (what every desk sends)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(lostInParsing(text, JSON.parse(text))).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a large body, parsed in pieces from its bytes', () => {
  /** The whole text judged as HQ does: JSON.parse, then depth, then what the parse drops. */
  const judgedWhole = (text: string, maxDepth: number) => {
    const value: unknown = JSON.parse(text);
    const shape = shapeOf(value, maxDepth);
    return shape.depth > maxDepth || lostIn(text, shape.members) !== undefined ? undefined : { value };
  };
  /**
   * In pieces (from 0 bytes, so every body tries them): when the pieces give a value, the whole
   * parse accepts the body with that same value; and read as the desk reads, the same value as
   * JSON.parse of Response.text()'s decoding, or the same SyntaxError.
   */
  const same = (bytes: Buffer, maxDepth = 8): void => {
    const outcome = (parse: () => unknown) => {
      try {
        return { value: parse() };
      } catch (error) {
        return { error: String(error) };
      }
    };
    const pieces = parsedInPieces(bytes, maxDepth);
    if (pieces) {
      const whole = judgedWhole(bytes.toString('utf8'), maxDepth);
      expect(whole).toStrictEqual(pieces);
      expect(JSON.stringify(pieces.value)).toBe(JSON.stringify(whole?.value));
    }
    const read = outcome(() => parseJsonBytes(bytes, 0));
    const text = outcome(() => JSON.parse(new TextDecoder().decode(bytes)));
    expect(read).toStrictEqual(text);
    if ('value' in text) expect(JSON.stringify(read.value)).toBe(JSON.stringify(text.value));
  };
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('events', 'basis', 'deviceId', 'a', 'events ') }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant('__proto__') });
  const element = fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom('메모 "인용" \\ 끝', 'a,b]c}d', '\u2028', -0.5, 1e21) },
  );
  const body = fc
    .array(fc.tuple(key, fc.oneof({ weight: 3, arbitrary: fc.array(element, { maxLength: 6 }) }, { weight: 2, arbitrary: element })), { maxLength: 5 })
    .chain((members) => fc.constantFrom(undefined, 1).map((indent) => ({ members, indent })))
    .map(({ members, indent }) => {
      const space = indent ? '\n ' : '';
      return `{${members.map(([name, value]) => `${space}${JSON.stringify(name)}:${space}${JSON.stringify(value, null, indent)}`).join(',')}${space}}`;
    });
  /** What a careless or hostile client could do to a body's bytes. */
  const damage = fc.oneof(
    fc.constant((text: string) => text),
    fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + 1)),
    fc.tuple(fc.nat(), fc.constantFrom(',', ']', '[', '}', '{', '"', '\\', ':', ' ', '1', '-0', '12345678901234567890', '\uFEFF', 'x')).map(
      ([at, insert]) => (text: string) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
    ),
    fc.constant((text: string) => text.replace(/\[/, '[-0,')),
    fc.constant((text: string) => text.replace(/\{"/, '{"dup":1,"dup":1,"')),
    fc.constant((text: string) => text.replace(/\]/, ',]')),
    fc.constant((text: string) => text.replace(/\[/, '[1.0000000000000000001,')),
    fc.constant((text: string) => `\uFEFF${text}`),
    fc.constant((text: string) => `${text} x`),
    fc.constant((text: string) => text.replace(/\[/, `[${'['.repeat(9)}${']'.repeat(9)},`)),
  );

  it('given push-shaped bodies, damaged or not, gives what the whole parse gives: the same value, or nothing (the whole parse then decides)', () => {
    fc.assert(
      fc.property(body, damage, (text, change) => same(Buffer.from(change(text), 'utf8'))),
      { numRuns: 4000 },
    );
  });

  it('given bytes that are not UTF-8 inside or outside strings, decodes them as the whole parse does', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom([0xe3], [0xe3, 0x81], [0x80], [0xff], [0xc0, 0x80]), (text, at, bad) => {
        const bytes = Buffer.from(text, 'utf8');
        const cut = at % (bytes.length + 1);
        same(Buffer.concat([bytes.subarray(0, cut), Buffer.from(bad), bytes.subarray(cut)]));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves too deep an element, or too deep a skeleton, to the whole parse', () => {
    same(Buffer.from(`{"events":[{"a":1},${'['.repeat(7)}${']'.repeat(7)}]}`), 8);
    expect(parsedInPieces(Buffer.from(`{"events":[{"a":1},${'['.repeat(7)}${']'.repeat(7)}]}`), 8)).toBeUndefined();
    same(Buffer.from(`{"events":[{"a":1},${'['.repeat(6)}${']'.repeat(6)}]}`), 8);
    same(Buffer.from(`{"basis":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{}}}}}}}},"events":[1,2]}`), 8);
  });

  it('given a push of 500 events with Korean memos (about 300 KB), parses it in pieces to the same value', () => {
    const events = Array.from({ length: 500 }, (_unused, index) => ({
      eventId: `0190a000-0000-7000-8000-${String(index).padStart(12, '0')}`,
      data: { memo: `환자 ${index}: "예약" 확인 \\ 완료`, amount: index * 1000, items: [{ name: 'Botox', price: 120_000 }] },
      meta: { raisedAt: '2026-11-25T09:00:00.000Z' },
    }));
    const bytes = Buffer.from(JSON.stringify({ deviceId: 'x', appVersion: '0.1.0', basis: { clinic: 'y' }, events }), 'utf8');
    expect(bytes.length).toBeGreaterThan(PIECES_FROM_BYTES);
    expect(parsedInPieces(bytes, 32)?.value).toStrictEqual(JSON.parse(bytes.toString('utf8')));
    expect(parseJsonBytes(bytes)).toStrictEqual(JSON.parse(bytes.toString('utf8')));
  });

  it('given a large body of a great many tiny elements, leaves it to the whole parse (a parse each would cost several times more)', () => {
    const bytes = Buffer.from(JSON.stringify({ deviceId: 'x', events: Array.from({ length: 100_000 }, () => 1) }), 'utf8');
    expect(bytes.length).toBeGreaterThan(PIECES_FROM_BYTES);
    expect(parsedInPieces(bytes, 32)).toBeUndefined();
    expect(parseJsonBytes(bytes)).toStrictEqual(JSON.parse(bytes.toString('utf8')));
  });
});
