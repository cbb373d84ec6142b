/**
 * What an e2e file checks on a page it shows: screenshots at the two screen sizes the desks run
 * on (1366×768 laptops, 1920×1080 monitors) under test-results/e2e/, and axe-core's serious and
 * critical violations. desk-visit.e2e.spec.ts holds the same two for now; the part-2 screens
 * branch moves them into test/support (desk-page.ts), and this file goes once that lands.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from './child-process.js';
import { SCREENSHOTS } from './e2e-desk.js';

const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const VIEWPORTS = { laptop: { width: 1366, height: 768 }, monitor: { width: 1920, height: 1080 } } as const;

/** Screenshots of what the person sees now, at both screen sizes (`<name>-laptop.png`, `<name>-monitor.png`); back to the laptop after. */
export const shotAtBothSizes = async (page: Page, name: string): Promise<void> => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size}.png`) });
  }
  await page.setViewportSize(VIEWPORTS.laptop);
};

/** axe-core in the page: the serious and critical violations, as "rule: target" lines. */
export const accessibilityProblems = async (page: Page): Promise<string[]> => {
  await page.evaluate(AXE);
  // A string, evaluated in the page (the test's own code has no DOM types).
  const { checked, violations } = await page.evaluate<{ checked: number; violations: { id: string; impact: string | null; targets: string[] }[] }>(`axe.run(document).then((result) => ({
    checked: result.passes.length,
    violations: result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => JSON.stringify(node.target)) })),
  }))`);
  // axe really looked: rules passed on this screen (an empty page would pass nothing).
  expect(checked).toBeGreaterThan(10);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.targets.join(' ')}`);
};
