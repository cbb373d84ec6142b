import { describe, expect, it } from 'vitest';
import { HqError } from './errors.js';
import { nestsDeeperThan, parseJsonBody } from './json-body.js';

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
