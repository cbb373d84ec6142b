import { z } from 'zod';

/**
 * `schema`, compiled by z.compile the first time it is asked for, then kept: plain code zod
 * generates from the schema itself (so the rules stay written once, in the schema), for a check
 * that runs per event — HQ's check of each pushed envelope, the desk's check of each pulled page.
 * A failure is parsed again by the schema as written, so its issues are zod's own. Compiling costs
 * about a millisecond, hence on first use rather than at import (cold start, issue 14 goal 4);
 * where code generation is not allowed, z.compile hands back the schema unchanged.
 */
export const compiledOnFirstUse = <T extends z.ZodType>(schema: T): (() => T) => {
  let compiled: T | undefined;
  return () => (compiled ??= z.compile(schema));
};
