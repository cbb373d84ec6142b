/**
 * JSON values that survive the trip unchanged: what is written, stored, synced and read back by
 * any desk must be what was meant. A value passes when JSON.stringify → JSON.parse gives it back
 * equal, and no step on the way (a zod object or record parse, an object spread) would drop or
 * reinterpret part of it. So refused, wherever they sit:
 *   - a key named "__proto__": JSON.parse keeps it as a key, but zod, object spreads and
 *     assignments drop it or make it the object's prototype;
 *   - -0, NaN and ±Infinity (JSON writes 0 and null);
 *   - anything JSON has no word for (undefined, functions, symbols, bigints, Dates and other
 *     class instances, which JSON.stringify drops, refuses or rewrites).
 */
import { z } from 'zod';

export interface JsonProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** The first place where `value` would not survive as JSON, or undefined when all of it does. */
export const jsonProblemIn = (value: unknown): JsonProblem | undefined => {
  // iterative: a hostile value may nest deeper than the call stack
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value: node, path } = item;
    switch (typeof node) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(node)) return { path, message: `${node} has no JSON form` };
        if (Object.is(node, -0)) return { path, message: '-0 would be stored as 0' };
        continue;
      case 'object': {
        if (node === null) continue;
        if (Array.isArray(node)) {
          node.forEach((child, index) => pending.push({ value: child, path: [...path, index] }));
          continue;
        }
        if (!isPlainObject(node)) return { path, message: 'not a plain JSON object' };
        for (const key of Object.keys(node)) {
          if (key === '__proto__') return { path: [...path, key], message: 'a key named __proto__ is dropped or turned into a prototype by JSON readers' };
          pending.push({ value: (node as Record<string, unknown>)[key], path: [...path, key] });
        }
        continue;
      }
      default:
        return { path, message: `${typeof node} has no JSON form` };
    }
  }
  return undefined;
};

/**
 * `schema`, for a value that must first survive as JSON (jsonProblemIn): a record schema alone
 * would silently drop a "__proto__" key where it refuses every other unknown key. Typed as
 * `schema` is, so its callers' input types stay what they were.
 */
export const keptAsJson = <T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, z.input<T>> =>
  z
    .unknown()
    .superRefine((value, context) => {
      const problem = jsonProblemIn(value);
      if (problem) context.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
    })
    .pipe(schema) as unknown as z.ZodType<z.output<T>, z.input<T>>;

/** A JSON object (an event's data) that survives storage and sync unchanged; see jsonProblemIn. */
export const JsonObject = keptAsJson(z.record(z.string(), z.unknown()));
