// A run that must fail: one failing test, with the same PostgreSQL globalSetup as the int tier.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['failing.fixture.ts'],
    globalSetup: ['../../support/postgres-global-setup.ts'],
  },
});
