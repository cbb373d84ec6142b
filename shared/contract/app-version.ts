/**
 * Ordering of app versions (semantic versions, as AppVersion in values.ts allows):
 * major.minor.patch numerically; a pre-release (`1.2.0-beta.1`) sorts before its release; build
 * metadata (`+…`) is ignored.
 */
const PATTERN = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Parsed {
  readonly core: readonly [number, number, number];
  readonly preRelease: readonly string[];
}

const parse = (version: string): Parsed => {
  const match = PATTERN.exec(version);
  if (!match) throw new Error(`Not an app version: ${version}`);
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    preRelease: match[4] ? match[4].split('.') : [],
  };
};

const compareIdentifiers = (a: string, b: string): number => {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Math.sign(Number(a) - Number(b));
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Negative when a < b, 0 when equal, positive when a > b. Throws on a string that is no version. */
export const compareAppVersions = (a: string, b: string): number => {
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 3; i++) {
    const difference = (left.core[i] ?? 0) - (right.core[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (left.preRelease.length === 0 || right.preRelease.length === 0) {
    return right.preRelease.length - left.preRelease.length === 0 ? 0 : left.preRelease.length === 0 ? 1 : -1;
  }
  const length = Math.max(left.preRelease.length, right.preRelease.length);
  for (let i = 0; i < length; i++) {
    const x = left.preRelease[i];
    const y = right.preRelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareIdentifiers(x, y);
    if (order !== 0) return order;
  }
  return 0;
};

export const lowestAppVersion = (versions: readonly string[]): string | null =>
  versions.reduce<string | null>((lowest, version) => (lowest === null || compareAppVersions(version, lowest) < 0 ? version : lowest), null);
