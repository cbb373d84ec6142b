/**
 * A page of the e2e tests that records what a person would not see but should never happen:
 * console errors and warnings (CSP violations among them), page errors, failed requests.
 */
import type { BrowserContext, Page } from 'playwright-core';

export const openWatchedPage = async (context: BrowserContext, url: string, problems: string[]): Promise<Page> => {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A reload or a closed page aborts the open notice stream: that is not a failure.
    const aborted = request.failure()?.errorText === 'net::ERR_ABORTED' && new URL(request.url()).pathname === '/rpc/events';
    if (!aborted) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  // The desk makes no request to another origin (fonts included).
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(url).origin) problems.push(`request to another origin: ${request.url()}`);
  });
  await page.goto(url);
  return page;
};
