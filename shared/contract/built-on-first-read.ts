/**
 * Tables of zod schemas built entry by entry, when an entry is first read, then kept. Building a
 * schema costs tens of microseconds and the desk's contract holds hundreds (every method, every
 * command): built at import, they were a fifth of a desk's cold start (issue 14, goal 4), though
 * the first screen reads three of them. A table's keys are known without building anything
 * (Object.keys, Object.hasOwn, `in`); spreading it or reading every entry builds them all.
 */

/** `builders` as a table whose entries are what each builder returns, built on first read. */
export const builtOnFirstRead = <Builders extends Readonly<Record<string, () => unknown>>>(
  builders: Builders,
): { readonly [K in keyof Builders]: ReturnType<Builders[K]> } => {
  const table = {};
  for (const key of Object.keys(builders)) {
    const build = builders[key] as () => unknown;
    Object.defineProperty(table, key, {
      configurable: true,
      enumerable: true,
      get: () => {
        const built = build();
        Object.defineProperty(table, key, { value: built, enumerable: true, writable: false, configurable: false });
        return built;
      },
    });
  }
  return table as { readonly [K in keyof Builders]: ReturnType<Builders[K]> };
};

/** The entries of `table` as builders, so another table can take them over without building them. */
export const buildersOf = <Table extends Readonly<Record<string, unknown>>>(table: Table): { readonly [K in keyof Table]: () => Table[K] } =>
  Object.fromEntries(Object.keys(table).map((key) => [key, () => table[key]])) as { readonly [K in keyof Table]: () => Table[K] };
