/** Set-up of the `dom` test project: React's act() environment, the fixture's clock, and a clean document per test. */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has no CSS.escape; react-aria uses it to look up <meta> tags.
const css = ((globalThis as { CSS?: { escape?: (text: string) => string } }).CSS ??= {});
css.escape ??= (text: string) => text.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);
// Every screen is tested at 15:00 in Seoul on the fixtures' day, so "today" in the fixtures stays
// today whenever the suite runs (a run after midnight in Seoul showed dates where times were
// expected). Only the clock is fixed; timers run as they do.
export const FIXTURE_NOW = '2026-12-01T06:00:00.000Z';
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(FIXTURE_NOW) });
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});
