import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues } from './zod-issues.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failure');
  return parsed.error.issues;
};

describe('describeIssues', () => {
  const schema = z.strictObject({ payload: z.strictObject({ amount: z.number().positive('more than 0 won') }), at: z.string() });

  it('names each field by its path, then its message', () => {
    expect(describeIssues(issuesOf(schema, { payload: { amount: -1 }, at: 3 }))).toBe('payload.amount: more than 0 won; at: Invalid input: expected string, received number');
  });

  it('puts a root in front of every path when asked', () => {
    expect(describeIssues(issuesOf(schema, { payload: { amount: 0 }, at: '' }), { root: 'body' })).toBe('body.payload.amount: more than 0 won');
  });

  it('gives the message alone for the whole value', () => {
    expect(describeIssues(issuesOf(schema, 'text'))).toBe('Invalid input: expected object, received string');
  });

  it('names the first few and counts the rest, within 500 characters', () => {
    const many = z.strictObject(Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`f${index}`, z.string()])));
    const line = describeIssues(issuesOf(many, {}), { max: 3 });
    expect(line).toMatch(/^f0: .*; f1: .*; f2: [^;]* \(\+5 more\)$/);
    const long = [{ path: ['x'], message: 'y'.repeat(2_000) }];
    expect(describeIssues(long)).toHaveLength(500);
  });
});
