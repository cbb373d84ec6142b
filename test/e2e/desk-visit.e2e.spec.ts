/**
 * A day at the desk, end to end in Debian's chromium through the browser host (npm run desk:web)
 * on a demo clinic, driven only by clicks and typing as a person would: a whole visit from the
 * reservation through consultation, two procedures, photos, payment and check-out, with the staff
 * switching at the desk as they do; a double-booked doctor; a refusal shown as a sentence; the
 * same flow in English; axe-core on each main screen. Screenshots at 1366×768 and 1920×1080 go to
 * test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityProblems, Desk, FREE_HOUR, shotAtBothSizes, VIEWPORTS, wholeVisit } from '../support/desk-page.js';
import { e2eDesk } from '../support/e2e-desk.js';

const { problems, startHost, openPage } = e2eDesk();

const openDemoDesk = async (): Promise<Page> => {
  const host = await startHost(['--demo']);
  const page = await openPage(host.pageUrl);
  await page.setViewportSize(VIEWPORTS.laptop);
  return page;
};

describe('a day at the desk (chromium, browser host, demo clinic)', () => {
  it('runs a whole visit in Korean, from the reservation to check-out, as the staff switch at the desk', async () => {
    const page = await openDemoDesk();
    const desk = new Desk(page, 'ko');
    await page.getByRole('radio', { name: /이수진/ }).waitFor();
    await shotAtBothSizes(page, 'visit-ko-0-sign-in');
    await desk.signIn('이수진');
    await desk.column('payment').locator('.card').first().waitFor();
    await shotAtBothSizes(page, 'visit-ko-1-board');
    await wholeVisit(desk, { initials: 'ㅎㅇㅇ', patient: '홍은우' }, 'ko');
    // Korean glyphs come from the bundled Pretendard, not a system font.
    expect(await page.evaluate("document.fonts.check('16px Pretendard', '가')")).toBe(true);
    expect(await page.evaluate("document.fonts.load('700 16px Pretendard', '홍길동').then((faces) => faces.length)")).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('warns about a double-booked doctor before booking, and marks both cards', async () => {
    const page = await openDemoDesk();
    const desk = new Desk(page, 'ko');
    await desk.signIn('이수진');
    let dialog = await desk.reserve({ initials: '송다', patient: '송다인', doctor: '최민호', hour: FREE_HOUR, minute: '00' });
    await dialog.getByRole('button', { name: '예약', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    dialog = await desk.reserve({ initials: 'ㄹㅈㅇ', patient: '류지아', doctor: '최민호', hour: FREE_HOUR, minute: '15' });
    const warning = dialog.getByRole('status');
    await expect.poll(() => warning.textContent()).toBe(`최민호 선생님은 ${FREE_HOUR}:00–${FREE_HOUR}:30에 이미 예약이 있습니다 (송다인). 그래도 예약할 수 있지만, 겹치는 예약은 현황판에 표시됩니다.`);
    await shotAtBothSizes(page, 'visit-ko-8-double-booked-warning');
    await dialog.getByRole('button', { name: '예약', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const patient of ['송다인', '류지아']) await expect.poll(() => desk.card(patient).locator('.badge').textContent()).toBe(' 중복 예약');
    const drawer = await desk.open('류지아');
    expect(await drawer.locator('.warning-sentences').textContent()).toBe(`최민호 선생님의 ${FREE_HOUR}:15–${FREE_HOUR}:30 예약이 다른 예약과 겹칩니다. 한쪽 일정을 바꾸세요.`);
    await shotAtBothSizes(page, 'visit-ko-9-double-booked-drawer');
    expect(problems).toEqual([]);
  });

  it('shows a refused action as a sentence next to it', async () => {
    const page = await openDemoDesk();
    const desk = new Desk(page, 'ko');
    await desk.signIn('이수진');
    // The demo's patient waiting to pay owes ₩225,000; the desk refuses ₩300,000.
    const payer = desk.column('payment').locator('.card').first();
    const patient = (await payer.locator('.card-name').textContent()) ?? '';
    await desk.open(patient);
    await desk.drawer.getByRole('button', { name: '결제', exact: true }).click();
    const form = desk.drawer.getByRole('form', { name: '결제' });
    await form.getByLabel('금액 (원)').fill('300000');
    await form.getByRole('button', { name: '결제 확인' }).click();
    const refusal = desk.drawer.locator('.refusal [role="alert"]');
    await expect.poll(() => refusal.textContent()).toBe('결제 금액이 남은 금액보다 큽니다.');
    expect(await refusal.textContent()).not.toMatch(/PAYMENT_EXCEEDS_BALANCE/);
    await shotAtBothSizes(page, 'visit-ko-10-refused');
    expect(await desk.drawer.getByTestId('balance').textContent()).toBe('₩225,000');
    expect(problems).toEqual([]);
  });

  it('runs the same whole visit in English', async () => {
    const page = await openDemoDesk();
    await page.getByRole('button', { name: 'English' }).click();
    const desk = new Desk(page, 'en');
    await desk.signIn('이수진');
    await page.getByRole('heading', { name: /Day board/ }).waitFor();
    await shotAtBothSizes(page, 'visit-en-1-board');
    await wholeVisit(desk, { initials: 'ㅎㅇㅇ', patient: '홍은우' }, 'en');
    expect(problems).toEqual([]);
  });

  it('has no serious or critical accessibility problems on the main screens', async () => {
    const page = await openDemoDesk();
    const desk = new Desk(page, 'ko');
    await page.getByRole('radio', { name: /이수진/ }).waitFor();
    const found: Record<string, string[]> = {};
    found['sign-in'] = await accessibilityProblems(page);
    await desk.signIn('이수진');
    await desk.column('payment').locator('.card').first().waitFor();
    found.board = await accessibilityProblems(page);
    await page.keyboard.press('n');
    await page.getByRole('dialog', { name: '새 예약' }).waitFor();
    found.reservation = await accessibilityProblems(page);
    await page.keyboard.press('Escape');
    await desk.column('payment').locator('.card').first().click();
    await desk.drawer.waitFor();
    found.drawer = await accessibilityProblems(page);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '직원 전환' }).click();
    await page.getByRole('dialog', { name: '직원 전환' }).waitFor();
    found['staff-switch'] = await accessibilityProblems(page);
    expect(found).toEqual({ 'sign-in': [], board: [], reservation: [], drawer: [], 'staff-switch': [] });
  });

  it('is used by keyboard alone: n, typing, Tab, Enter, arrows, Esc', async () => {
    const page = await openDemoDesk();
    const desk = new Desk(page, 'ko');
    await desk.signIn('이수진');
    const first = desk.column('reserved').locator('.card').first();
    await first.waitFor();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate("document.activeElement?.getAttribute('data-row')");
    expect(second).toBe('1');
    await page.keyboard.press('Enter');
    await desk.drawer.waitFor();
    // Focus stays inside the drawer while it is open.
    for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.closest('.drawer') !== null")).toBe(true);
    await page.keyboard.press('Escape');
    await desk.drawer.waitFor({ state: 'detached' });
    expect(await page.evaluate("document.activeElement?.getAttribute('data-row')")).toBe('1');
    expect(problems).toEqual([]);
  });
});
