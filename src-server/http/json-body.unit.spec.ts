import { describe, expect, it } from 'vitest';
import { HqError } from './errors.js';
import { parseJsonBody, parseJsonBodyBytes } from './json-body.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

// What is cut and measured, and that pieces give the whole parse's value, is src-node/json-in-pieces.unit.spec.ts.
describe("HQ's JSON bodies", () => {
  /** Whole, or in pieces from 0 bytes: the same value or the same refusal and message. */
  const outcomes = (text: string, maxDepth: number) =>
    [() => parseJsonBody(text, maxDepth), () => parseJsonBodyBytes(Buffer.from(text, 'utf8'), maxDepth, 0)].map((parse) => {
      try {
        return { value: parse() };
      } catch (error) {
        return { error: error instanceof HqError ? { code: error.code, message: error.message } : String(error) };
      }
    });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(() => parseJsonBody(nested(1_000_000), 32)).toThrow(HqError);
  });

  it.each(['', '{', 'undefined', "{'single': 1}", '{"a":1}x'])('refuses %j as MALFORMED', (text) => {
    expect(() => parseJsonBody(text, 32)).toThrow(expect.objectContaining({ code: 'MALFORMED', message: expect.stringMatching(/^The body is not JSON: /) }));
  });

  it.each([
    ['a key named twice', '{"events":[{"a":1},{"c":1,"c":2}]}', /^The body says more than JSON keeps: an object names one key twice$/],
    ['more digits than a double holds', '{"events":[{"n":12345678901234567890}]}', /^The body says more than JSON keeps: the number 12345678901234567890 /],
    ['-0', '{"events":[1,-0]}', /^The body says more than JSON keeps: the number -0 /],
    ['too deep an element', `{"events":[{"a":1},${nested(7)}]}`, /^The body nests deeper than 8 levels$/],
    ['too deep a skeleton', '{"basis":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{}}}}}}}},"events":[1,2]}', /^The body nests deeper than 8 levels$/],
  ])('refuses %s as MALFORMED, whole or in pieces, with the same message', (_label, text, message) => {
    const [whole, pieces] = outcomes(text, 8);
    expect(whole).toStrictEqual({ error: { code: 'MALFORMED', message: expect.stringMatching(message) } });
    expect(pieces).toStrictEqual(whole);
  });

  it('returns the parsed value, whole or in pieces, when it is within the depth', () => {
    const text = '{"deviceId":"d","events":[{"data":{"a":[1]}},{"data":{"memo":"메모 \\"인용\\""}}]}';
    expect(outcomes(text, 5)).toStrictEqual([{ value: JSON.parse(text) }, { value: JSON.parse(text) }]);
  });
});
