/**
 * The JSON body parser. JSON.parse itself copes with any nesting, but every later step that walks
 * a value recursively (validation, canonical comparison, JSON.stringify) would overflow the stack
 * on a hostile one; so depth is checked here, iteratively, before anything else sees the body.
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

export const parseJsonBody = (text: string, maxDepth: number): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HqError('MALFORMED', `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (nestsDeeperThan(value, maxDepth)) throw new HqError('MALFORMED', `The body nests deeper than ${maxDepth} levels`);
  return value;
};
