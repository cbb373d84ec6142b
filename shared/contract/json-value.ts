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

/** A node still to visit, with the way back to the root: the path is spelled out only for a problem. */
interface Pending {
  readonly value: unknown;
  readonly parent: Pending | undefined;
  readonly key: string | number;
}

const pathOf = (item: Pending | undefined, last?: string): (string | number)[] => {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let at = item; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
};

/** Whether a child can hold a problem: strings, booleans, null and ordinary numbers never do, so they are not queued. */
const mayHoldProblem = (child: unknown): boolean =>
  typeof child === 'object' ? child !== null : typeof child === 'number' ? !Number.isFinite(child) || Object.is(child, -0) : typeof child !== 'string' && typeof child !== 'boolean';

/** The first place where `value` would not survive as JSON, or undefined when all of it does. */
export const jsonProblemIn = (value: unknown): JsonProblem | undefined => {
  // iterative: a hostile value may nest deeper than the call stack; the last child queued is
  // visited first, whole, so of several problems the one reported is the same in every version
  const pending: Pending[] = [{ value, parent: undefined, key: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const node = item.value;
    switch (typeof node) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(node)) return { path: pathOf(item), message: `${node} has no JSON form` };
        if (Object.is(node, -0)) return { path: pathOf(item), message: '-0 would be stored as 0' };
        continue;
      case 'object': {
        if (node === null) continue;
        if (Array.isArray(node)) {
          const parent = item;
          // forEach skips holes, as JSON.stringify writes them null
          node.forEach((child: unknown, index) => {
            if (mayHoldProblem(child)) pending.push({ value: child, parent, key: index });
          });
          continue;
        }
        if (!isPlainObject(node)) return { path: pathOf(item), message: 'not a plain JSON object' };
        for (const key of Object.keys(node)) {
          if (key === '__proto__') return { path: pathOf(item, key), message: 'a key named __proto__ is dropped or turned into a prototype by JSON readers' };
          const child = (node as Record<string, unknown>)[key];
          if (mayHoldProblem(child)) pending.push({ value: child, parent: item, key });
        }
        continue;
      }
      default:
        return { path: pathOf(item), message: `${typeof node} has no JSON form` };
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
