import { describe, expect, it } from 'vitest';
import { compareAppVersions, lowestAppVersion } from './app-version.js';

describe('app versions', () => {
  it.each([
    ['1.2.0', '1.10.0'],
    ['0.9.9', '1.0.0'],
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '1.0.0-beta'],
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '1.0.0'],
  ])('orders %s before %s (semantic versioning, not text)', (lower, higher) => {
    expect(compareAppVersions(lower, higher)).toBeLessThan(0);
    expect(compareAppVersions(higher, lower)).toBeGreaterThan(0);
  });

  it('ignores build metadata', () => {
    expect(compareAppVersions('1.2.3+build.7', '1.2.3')).toBe(0);
  });

  it('refuses a string that is not a version', () => {
    expect(() => compareAppVersions('1.2', '1.2.0')).toThrow(/Not an app version/);
  });

  it('picks the lowest of several, or null for none', () => {
    expect(lowestAppVersion(['1.10.0', '1.2.0', '1.3.0-rc.1'])).toBe('1.2.0');
    expect(lowestAppVersion([])).toBeNull();
  });
});
