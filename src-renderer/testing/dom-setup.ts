/** Set-up of the `dom` test project: React's act() environment, and a clean document per test. */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has no CSS.escape; react-aria uses it to look up <meta> tags.
const css = ((globalThis as { CSS?: { escape?: (text: string) => string } }).CSS ??= {});
css.escape ??= (text: string) => text.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);
afterEach(cleanup);
