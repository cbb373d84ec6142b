import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HqError } from './errors.js';
import { lostInParsing, nestsDeeperThan, parseJsonBody } from './json-body.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON bodies', () => {
  it('counts the outermost object or array as depth 1; scalars have none', () => {
    expect(nestsDeeperThan(JSON.parse(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(4)), 3)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }], c: 'text' }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestsDeeperThan('just text', 1)).toBe(false);
  });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(() => parseJsonBody(nested(1_000_000), 32)).toThrow(HqError);
  });

  it.each(['', '{', 'undefined', "{'single': 1}", '{"a":1}x'])('refuses %j as MALFORMED', (text) => {
    expect(() => parseJsonBody(text, 32)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('returns the parsed value when it is within the depth', () => {
    expect(parseJsonBody('{"events":[{"data":{"a":[1]}}]}', 5)).toEqual({ events: [{ data: { a: [1] } }] });
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
    expect(() => parseJsonBody(text, 32)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
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
