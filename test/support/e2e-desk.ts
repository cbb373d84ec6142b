/**
 * The life cycle every e2e file shares: one chromium for the file, a fresh data folder per test,
 * the browser host started on it (and always stopped), pages that record what should never happen
 * (`problems`), screenshots under test-results/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { launchChromium, type Browser } from './chromium.js';
import { REPO_ROOT } from './child-process.js';
import { startDeskWeb, type DeskWebProcess } from './desk-web-process.js';
import { openWatchedPage } from './watched-page.js';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');

export interface E2eDesk {
  readonly browser: () => Browser;
  /** Console errors, page errors and failed requests of the current test's pages. */
  readonly problems: string[];
  /** The browser host on this test's data folder, with the e2e build of the renderer. */
  readonly startHost: (args: readonly string[]) => Promise<DeskWebProcess>;
  readonly openPage: (url: string) => Promise<Page>;
}

/** Registers the hooks in the calling test file. */
export const e2eDesk = (): E2eDesk => {
  let browser: Browser | null = null;
  let root = '';
  let host: DeskWebProcess | null = null;
  const problems: string[] = [];
  const opened = (): Browser => {
    if (!browser) throw new Error('chromium is not running');
    return browser;
  };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
    problems.length = 0;
  });
  afterEach(async () => {
    if (host) await host.stop();
    host = null;
    for (const page of opened().context.pages()) await page.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  return {
    browser: opened,
    problems,
    startHost: async (args) => {
      host = await startDeskWeb(['--data', path.join(root, 'clinic'), '--port', '0', '--renderer', inject('rendererDir'), ...args]);
      return host;
    },
    openPage: (url) => openWatchedPage(opened().context, url, problems),
  };
};
