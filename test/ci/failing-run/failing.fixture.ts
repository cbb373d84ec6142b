import { expect, it } from 'vitest';

it('fails on purpose', () => {
  expect('the exit code').toBe('honest');
});
