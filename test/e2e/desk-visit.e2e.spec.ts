/**
 * A day at the desk, end to end in Debian's chromium through the browser host (npm run desk:web)
 * on a demo clinic, driven only by clicks and typing as a person would: a whole visit from the
 * reservation through consultation, two procedures, photos, payment and check-out, with the staff
 * switching at the desk as they do; a double-booked doctor; a refusal shown as a sentence; the
 * same flow in English; axe-core on each main screen. Screenshots at 1366×768 and 1920×1080 go to
 * test-results/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CATALOGS, type Language } from '../../src-renderer/i18n/catalog.js';
import { REPO_ROOT } from '../support/child-process.js';
import { e2eDesk, SCREENSHOTS } from '../support/e2e-desk.js';

const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const VIEWPORTS = { laptop: { width: 1366, height: 768 }, monitor: { width: 1920, height: 1080 } } as const;

const { problems, startHost, openPage } = e2eDesk();

const openDemoDesk = async (): Promise<Page> => {
  const host = await startHost(['--demo']);
  const page = await openPage(host.pageUrl);
  await page.setViewportSize(VIEWPORTS.laptop);
  return page;
};

/**
 * The hour (clinic time, Asia/Seoul) for the test's own bookings: one whose H:00–H:45 today lies
 * clear of the demo's visits, which are seeded from five hours before launch to three after, so a
 * run at any time of day books into an empty slot (a fixed 20:00 collided with the demo at 18:00).
 */
const FREE_HOUR = ((): string => {
  const hour = 3_600_000;
  const now = Date.now();
  const seoulMidnight = now - ((now + 9 * hour) % (24 * hour));
  const clear = (h: number) => {
    const start = seoulMidnight + h * hour;
    return start >= now + 3.5 * hour || start + 0.75 * hour <= now - 5.5 * hour;
  };
  const free = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10].find(clear);
  if (free === undefined) throw new Error('no hour of the clinic day is clear of the demo visits');
  return String(free).padStart(2, '0');
})();

/** Screenshots of what the person sees now, at both screen sizes. */
const shot = async (page: Page, name: string) => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SCREENSHOTS, `visit-${name}-${size}.png`) });
  }
  await page.setViewportSize(VIEWPORTS.laptop);
};

/** axe-core in the page: the serious and critical violations, as "rule: target" lines. */
const accessibilityProblems = async (page: Page): Promise<string[]> => {
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

/** The desk's words in one language, for finding what a person reads on screen. */
const wordsOf = (language: Language) => CATALOGS[language];

class Desk {
  readonly w;
  constructor(
    readonly page: Page,
    language: Language,
  ) {
    this.w = wordsOf(language);
  }

  get drawer(): Locator {
    return this.page.getByRole('dialog', { name: /./ }).filter({ has: this.page.locator('.drawer-head') });
  }

  async signIn(name: string): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(name) }).check({ force: true });
    await this.page.getByLabel(this.w.signIn.pin, { exact: true }).fill('0000');
    await this.page.getByRole('button', { name: this.w.signIn.submit, exact: true }).click();
    await expect.poll(() => this.page.getByTestId('signed-in-name').textContent()).toBe(name);
  }

  /** The quick switch in the header: one click, the next person, their PIN. */
  async switchTo(name: string): Promise<void> {
    if (await this.drawer.count()) await this.page.keyboard.press('Escape');
    await this.page.getByRole('button', { name: this.w.frame.switchStaff, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: this.w.switchStaff.title });
    await dialog.getByRole('radio', { name: new RegExp(name) }).check({ force: true });
    await dialog.getByLabel(this.w.signIn.pin, { exact: true }).fill('0000');
    await dialog.getByRole('button', { name: this.w.switchStaff.submit, exact: true }).click();
    await expect.poll(() => this.page.getByTestId('signed-in-name').textContent()).toBe(name);
  }

  card(patient: string): Locator {
    return this.page.locator('.columns .card').filter({ hasText: patient });
  }

  column(stage: keyof ReturnType<typeof wordsOf>['stage']): Locator {
    return this.page.locator(`.columns .column.stage-${stage}`);
  }

  async open(patient: string): Promise<Locator> {
    await this.card(patient).click();
    await this.drawer.getByRole('heading', { name: patient }).waitFor();
    return this.drawer;
  }

  async reserve(options: { initials: string; patient: string; doctor: string; hour: string; minute: string }): Promise<Locator> {
    await this.page.keyboard.press('n');
    const dialog = this.page.getByRole('dialog', { name: this.w.reservation.title });
    await dialog.getByRole('combobox', { name: this.w.reservation.patient }).pressSequentially(options.initials);
    await this.page.getByRole('option', { name: new RegExp(options.patient) }).click();
    await dialog.getByLabel(this.w.form.doctor, { exact: true }).selectOption({ label: `${options.doctor} · ${this.w.role.doctor}` });
    const start = dialog.getByRole('group', { name: this.w.reservation.start, exact: true });
    await start.getByRole('spinbutton').first().click();
    await this.page.keyboard.type(`${options.hour}${options.minute}`);
    return dialog;
  }

  /** An action of the open drawer; its form (if it asks anything) is filled by `fill`, then confirmed. */
  async act(action: keyof ReturnType<typeof wordsOf>['action'], fill?: (form: Locator) => Promise<void>): Promise<void> {
    const label = this.w.action[action];
    await this.drawer.getByRole('button', { name: label, exact: true }).click();
    const form = this.drawer.getByRole('form', { name: label });
    if (await form.count()) {
      if (fill) await fill(form);
      await form.getByRole('button', { name: this.w.form.confirm.replace('{{action}}', label) }).click();
      await form.waitFor({ state: 'detached' });
    }
  }

  async expectStatus(stage: keyof ReturnType<typeof wordsOf>['stage']): Promise<void> {
    await expect.poll(() => this.drawer.locator('.status-chip').textContent()).toBe(this.w.stage[stage]);
  }
}

/** Reservation → check-in → consultation with a two-item plan → photos → two procedures → payment → check-out. */
const wholeVisit = async (desk: Desk, who: { initials: string; patient: string }, shots: string | null) => {
  const { page, w } = desk;
  const dialog = await desk.reserve({ ...who, doctor: '정다은', hour: FREE_HOUR, minute: '00' });
  await dialog.getByRole('radio', { name: w.reservation.channels.phone }).check({ force: true });
  await dialog.getByLabel(`${w.reservation.purpose} (${w.common.optional})`).fill('보톡스 상담');
  if (shots) await shot(page, `${shots}-2-reservation`);
  await dialog.getByRole('button', { name: w.reservation.submit, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await desk.column('reserved').locator('.card', { hasText: who.patient }).waitFor();
  expect(await desk.card(who.patient).textContent()).toMatch(`${FREE_HOUR}:00`);

  let drawer = await desk.open(who.patient);
  await drawer.getByRole('button', { name: w.action.CheckIn, exact: true }).click();
  await desk.expectStatus('waiting');
  if (shots) await shot(page, `${shots}-3-checked-in`);

  await desk.switchTo('박서연');
  drawer = await desk.open(who.patient);
  await desk.act('StartConsultation');
  await desk.expectStatus('consultation');
  await desk.act('CompleteConsultation', async (form) => {
    await form.getByLabel(w.form.itemName).first().fill('보톡스 (사각턱)');
    await form.getByLabel(w.form.price).first().fill('150000');
    await form.getByLabel(w.form.discount).first().fill('10000');
    await form.getByRole('button', { name: new RegExp(w.form.addItem) }).click();
    await form.getByLabel(w.form.itemName).nth(1).fill('레이저 토닝');
    await form.getByLabel(w.form.price).nth(1).fill('100000');
    if (shots) await shot(page, `${shots}-4-plan`);
  });
  await desk.expectStatus('procedure');

  await desk.switchTo('한예린');
  drawer = await desk.open(who.patient);
  await desk.act('TakePhotos', async (form) => {
    await form.getByRole('radio', { name: w.form.before }).check({ force: true });
  });
  await desk.act('StartProcedure');
  await desk.act('CompleteProcedure');
  await desk.act('StartProcedure');
  if (shots) await shot(page, `${shots}-5-procedure`);
  await desk.act('CompleteProcedure');
  await desk.act('TakePhotos', async (form) => {
    await form.getByRole('radio', { name: w.form.after }).check({ force: true });
  });
  await expect.poll(() => drawer.getByText(w.drawer.photos.replace('{{before}}', '4').replace('{{after}}', '4')).count()).toBe(1);
  await desk.expectStatus('payment');

  await desk.switchTo('이수진');
  drawer = await desk.open(who.patient);
  await expect.poll(() => drawer.getByTestId('balance').textContent()).toBe('₩240,000');
  await desk.act('RecordPayment', async (form) => {
    await form.getByRole('radio', { name: w.form.methods.card }).check({ force: true });
    if (shots) await shot(page, `${shots}-6-payment`);
  });
  await expect.poll(() => drawer.getByTestId('balance').textContent()).toBe('₩0');
  await drawer.getByRole('button', { name: w.action.CheckOut, exact: true }).click();
  await desk.expectStatus('checked-out');
  if (shots) await shot(page, `${shots}-7-checked-out`);
  await page.keyboard.press('Escape');
  await desk.column('checked-out').locator('.card', { hasText: who.patient }).waitFor();
};

describe('a day at the desk (chromium, browser host, demo clinic)', () => {
  it('runs a whole visit in Korean, from the reservation to check-out, as the staff switch at the desk', async () => {
    const page = await openDemoDesk();
    const desk = new Desk(page, 'ko');
    await page.getByRole('radio', { name: /이수진/ }).waitFor();
    await shot(page, 'ko-0-sign-in');
    await desk.signIn('이수진');
    await desk.column('payment').locator('.card').first().waitFor();
    await shot(page, 'ko-1-board');
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
    await shot(page, 'ko-8-double-booked-warning');
    await dialog.getByRole('button', { name: '예약', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const patient of ['송다인', '류지아']) await expect.poll(() => desk.card(patient).locator('.badge').textContent()).toBe(' 중복 예약');
    const drawer = await desk.open('류지아');
    expect(await drawer.locator('.warning-sentences').textContent()).toBe(`최민호 선생님의 ${FREE_HOUR}:15–${FREE_HOUR}:30 예약이 다른 예약과 겹칩니다. 한쪽 일정을 바꾸세요.`);
    await shot(page, 'ko-9-double-booked-drawer');
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
    await shot(page, 'ko-10-refused');
    expect(await desk.drawer.getByTestId('balance').textContent()).toBe('₩225,000');
    expect(problems).toEqual([]);
  });

  it('runs the same whole visit in English', async () => {
    const page = await openDemoDesk();
    await page.getByRole('button', { name: 'English' }).click();
    const desk = new Desk(page, 'en');
    await desk.signIn('이수진');
    await page.getByRole('heading', { name: /Day board/ }).waitFor();
    await shot(page, 'en-1-board');
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
