/**
 * End to end in a real browser: the real browser host (`src-main/web/main.ts` as a child process,
 * on a free port) in front of the real DeskCore, and the built renderer in Debian's chromium.
 * renderer → Bridge (fetch + EventSource) → host → DeskCore and back. Screenshots go to
 * test-results/e2e/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eDesk, SCREENSHOTS } from '../support/e2e-desk.js';

const desk = e2eDesk();
const { problems, startHost, openPage } = desk;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe('the desk in a browser (npm run desk:web)', () => {
  it('signs in through the page on a demo clinic, keeps working after a reload, and signs out', async () => {
    const { pageUrl, port } = await startHost(['--demo']);
    const page = await openPage(pageUrl);

    await expect.poll(() => page.getByTestId('clinic-name').textContent()).not.toBe('병원 이름 미설정');
    // The secret left the address bar; the HttpOnly cookie carries it, out of the page's reach.
    expect(page.url()).toBe(`http://127.0.0.1:${port}/`);
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await desk.browser().context.cookies(`http://127.0.0.1:${port}/`)).toEqual([
      expect.objectContaining({ name: `desk_session_${port}`, httpOnly: true, sameSite: 'Strict', secure: false }),
    ]);
    await page.getByRole('radio', { name: /이수진/ }).waitFor();
    await shot(page, '1-sign-in');

    await page.getByRole('radio', { name: /이수진/ }).check({ force: true });
    await page.getByLabel('PIN').fill('1111');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('PIN이 맞지 않습니다.');
    await shot(page, '2-wrong-pin');

    await page.getByLabel('PIN').fill('0000');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe('이수진');
    await shot(page, '3-signed-in');

    // A reload has no ?session= any more: the cookie alone brings the page and its RPC back.
    await page.reload();
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe('이수진');

    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByRole('button', { name: '로그인' }).waitFor();
    expect(await page.getByTestId('signed-in-name').count()).toBe(0);
    await shot(page, '4-signed-out');
    expect(problems).toEqual([]);
  });

  it("sets up a new clinic's first manager through the page", async () => {
    const { pageUrl } = await startHost([]);
    const page = await openPage(pageUrl);
    await page.getByRole('heading', { name: '첫 관리자 등록' }).waitFor();
    await shot(page, '5-first-manager');
    await page.getByLabel('이름').fill('박원장');
    await page.getByLabel('PIN (숫자 4–8자리)').fill('2468');
    await page.getByLabel('PIN 확인').fill('2468');
    await page.getByRole('button', { name: '관리자 등록' }).click();
    await expect.poll(() => page.getByTestId('signed-in-name').textContent()).toBe('박원장');
    await shot(page, '6-first-manager-signed-in');
    expect(problems).toEqual([]);
  });

  it('pushes a change from one window to another over SSE', async () => {
    const { pageUrl } = await startHost(['--demo']);
    const watcher = await openPage(pageUrl);
    const actor = await openPage(pageUrl);
    await watcher.getByRole('radio', { name: /김지현/ }).waitFor();
    await actor.getByRole('radio', { name: /김지현/ }).check({ force: true });
    await actor.getByLabel('PIN').fill('0000');
    await actor.getByRole('button', { name: '로그인' }).click();
    // The watcher did nothing: only the desk's 'session' notice can have told it.
    await expect.poll(() => watcher.getByTestId('signed-in-name').textContent()).toBe('김지현');
    await shot(watcher, '7-other-window-followed');
    expect(problems).toEqual([]);
  });

  it('shows nothing of the desk to a browser without the session secret', async () => {
    const { port } = await startHost(['--demo']);
    const page = await desk.browser().context.newPage();
    const response = await page.goto(`http://127.0.0.1:${port}/`);
    expect(response?.status()).toBe(401);
    expect(await page.locator('body').textContent()).toMatch(/npm run desk:web/);
    await shot(page, '8-no-session');
  });
});
