/**
 * Debian's chromium driven by playwright-core, the way the e2e tests run it: headless, no
 * sandbox (containers), nothing that phones home, and a fresh profile each time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly close: () => Promise<void>;
}

/** A browser with its own fresh --user-data-dir, removed on close. */
export const launchChromium = async (): Promise<Browser> => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'ko-KR',
    viewport: { width: 1100, height: 720 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
};
