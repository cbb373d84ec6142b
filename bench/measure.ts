/** Latency figures of a run of operations, in one place so every benchmark prints them alike. */
export interface Figures {
  readonly label: string;
  readonly ops: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** Collects per-operation latencies, possibly over several interleaved chunks. */
export class LatencyRecorder {
  private readonly latencies: number[] = [];
  private totalMs = 0;

  constructor(readonly label: string) {}

  /** Runs `op` `count` times, timing each call. */
  run(count: number, op: (index: number) => void): void {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      op(this.latencies.length);
      this.latencies.push(performance.now() - t0);
    }
    this.totalMs += performance.now() - start;
  }

  figures(): Figures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      label: this.label,
      ops: sorted.length,
      perSecond: (sorted.length / this.totalMs) * 1000,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  }
}

/**
 * Runs the contenders in alternating chunks, so a slow moment of the machine (a checkpoint,
 * another process) falls on all of them alike rather than on whichever ran then.
 */
export const interleave = (rounds: number, chunk: number, contenders: readonly { recorder: LatencyRecorder; op: (i: number) => void }[]): void => {
  for (let round = 0; round < rounds; round++) {
    for (const { recorder, op } of contenders) recorder.run(chunk, op);
  }
};

export const formatRow = (f: Figures): string =>
  `  ${f.label.padEnd(52)} ${f.perSecond.toFixed(0).padStart(9)}/s   p50 ${f.p50Ms.toFixed(3).padStart(7)} ms   p99 ${f.p99Ms
    .toFixed(3)
    .padStart(7)} ms`;
