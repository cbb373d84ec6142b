/**
 * What an e2e file checks on a page it shows (screenshots at both screen sizes, axe-core): these
 * live in desk-page.ts beside the rest of the desk's page helpers; this file only passes them on
 * for desk-sync.e2e.spec.ts, which may import them from desk-page.ts directly.
 */
export { accessibilityProblems, shotAtBothSizes, VIEWPORTS } from './desk-page.js';
