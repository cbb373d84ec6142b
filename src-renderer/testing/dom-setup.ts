/** Set-up of the `dom` test project: React's act() environment, the fixture's clock, and a clean document per test. */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { FIXTURE_NOW } from './fixture-day.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has no CSS.escape; react-aria uses it to look up <meta> tags.
const css = ((globalThis as { CSS?: { escape?: (text: string) => string } }).CSS ??= {});
css.escape ??= (text: string) => text.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);
// Every screen is tested at the fixtures' instant (fixture-day.ts). Only the clock is fixed; timers run as they do.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FIXTURE_NOW });
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});
