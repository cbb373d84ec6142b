/**
 * A zod failure as one line for people: "payload.amount: more than 0 won; startAt: …". DeskCore
 * and HQ both word every refusal of bad input with it, so one bad field reads the same whichever
 * way it arrived.
 */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const MAX_LENGTH = 500;

export const describeIssues = (
  issues: readonly IssueLike[],
  options: {
    /** Names the whole value the paths start from, e.g. "body". */
    readonly root?: string;
    /** How many issues to name; the rest are counted. */
    readonly max?: number;
  } = {},
): string => {
  const max = options.max ?? 5;
  const parts = issues.slice(0, max).map((issue) => {
    const path = [...(options.root === undefined ? [] : [options.root]), ...issue.path.map(String)].join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > max ? ` (+${issues.length - max} more)` : '';
  return `${parts.join('; ')}${more}`.slice(0, MAX_LENGTH);
};
