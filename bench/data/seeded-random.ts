/**
 * A seeded pseudo-random source for the benchmark data: the same seed gives the same numbers on
 * every machine and Node version (sfc32, integer arithmetic only; no Math.random, no clock).
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max]. */
  readonly int: (min: number, max: number) => number;
  readonly chance: (probability: number) => boolean;
  readonly pick: <T>(items: readonly T[]) => T;
  /** Picks by weight: items are [value, weight] pairs. */
  readonly weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  /** Roughly normal (Irwin–Hall of 4), clamped to [min, max] and rounded. */
  readonly around: (mean: number, spread: number, min: number, max: number) => number;
  /** 32 random bits as an unsigned integer. */
  readonly bits: () => number;
  /** An independent source derived from this one and a label (so adding draws in one place does not shift another). */
  readonly fork: (label: string) => SeededRandom;
}

/** FNV-1a of a string: turns a seed label into 32 bits. */
const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
};

export const seededRandom = (seed: number | string): SeededRandom => {
  const label = String(seed);
  let a = hash32(`a:${label}`);
  let b = hash32(`b:${label}`);
  let c = hash32(`c:${label}`);
  let d = 1;
  const bits = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) bits(); // warm up the state
  const next = (): number => bits() / 4_294_967_296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const random: SeededRandom = {
    next,
    int,
    bits,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let at = next() * total;
      for (const [value, weight] of items) {
        at -= weight;
        if (at < 0) return value;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    around: (mean, spread, min, max) => {
      const unit = (next() + next() + next() + next()) / 2 - 1; // in [-1, 1), bell-shaped
      return Math.min(max, Math.max(min, Math.round(mean + unit * spread)));
    },
    fork: (forkLabel) => seededRandom(`${label}/${forkLabel}`),
  };
  return random;
};
