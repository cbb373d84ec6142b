import type { z } from 'zod';
import { HqError } from './errors.js';

const MAX_ISSUES = 5;

/** Parses a request part with its schema; a mismatch is a 400 naming the first few problems. */
export const parseRequest = <Schema extends z.ZodType>(schema: Schema, value: unknown, part: 'body' | 'query'): z.output<Schema> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${[part, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new HqError('MALFORMED', `Invalid request ${part}: ${issues}`);
};
