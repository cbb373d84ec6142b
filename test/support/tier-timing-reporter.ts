/**
 * Prints how long each test tier (Vitest project) took, so CI logs show where the time goes.
 * Sums file durations per project: with parallel files this is CPU-side time, not wall time.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class TierTimingReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const byTier = new Map<string, { files: number; ms: number; tests: number }>();
    for (const module of testModules) {
      const tier = module.project.name || 'default';
      const entry = byTier.get(tier) ?? { files: 0, ms: 0, tests: 0 };
      entry.files += 1;
      entry.ms += module.diagnostic().duration;
      for (const _ of module.children.allTests()) entry.tests += 1;
      byTier.set(tier, entry);
    }
    const lines = [...byTier].map(
      ([tier, { files, ms, tests }]) =>
        `  ${tier.padEnd(8)} ${String(tests).padStart(5)} tests in ${String(files).padStart(3)} files  ${(ms / 1000).toFixed(1)} s`,
    );
    process.stdout.write(`\nTime per suite (sum of file durations):\n${lines.join('\n')}\n`);
  }
}
