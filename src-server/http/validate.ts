import type { z } from 'zod';
import { describeIssues } from '../../shared/contract/zod-issues.js';
import { HqError } from './errors.js';

/** Parses a request part with its schema; a mismatch is a 400 naming the first few problems. */
export const parseRequest = <Schema extends z.ZodType>(schema: Schema, value: unknown, part: 'body' | 'query'): z.output<Schema> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HqError('MALFORMED', `Invalid request ${part}: ${describeIssues(parsed.error.issues, { root: part })}`);
};
