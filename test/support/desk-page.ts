/**
 * The desk as a person uses it in the e2e tests: the screen sizes, an hour clear of the demo's
 * visits, screenshots, axe-core, a `Desk` that signs in, switches staff, books and acts in the
 * drawer by the words on screen, and a whole visit from reservation to check-out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CATALOGS, type Language } from '../../src-renderer/i18n/catalog.js';
import { REPO_ROOT } from './child-process.js';
import { demoDayMiddle, demoDayStart } from '../../src-main/core/demo/demo-seed.js';
import { SCREENSHOTS } from './e2e-desk.js';

const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const VIEWPORTS = { laptop: { width: 1366, height: 768 }, monitor: { width: 1920, height: 1080 } } as const;

/**
 * The hour (clinic time, Asia/Seoul) for the test's own bookings: one whose H:00–H:45 today lies
 * clear of the demo's visits, which are seeded from five hours before launch to three after, so a
 * run at any time of day books into an empty slot (a fixed 20:00 collided with the demo at 18:00).
 */
export const FREE_HOUR = ((): string => {
  const hour = 3_600_000;
  // The demo's visits sit around the middle of its day, which is launch time moved onto today's board.
  const now = demoDayMiddle(new Date()).getTime();
  const seoulMidnight = demoDayStart(now);
  const clear = (h: number) => {
    const start = seoulMidnight + h * hour;
    return start >= now + 3.5 * hour || start + 0.75 * hour <= now - 5.5 * hour;
  };
  const free = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10].find(clear);
  if (free === undefined) throw new Error('no hour of the clinic day is clear of the demo visits');
  return String(free).padStart(2, '0');
})();

/** Screenshots of what the person sees now, at both screen sizes: `<name>-laptop.png`, `<name>-monitor.png`. */
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

/** The desk's words in one language, for finding what a person reads on screen. */
export const wordsOf = (language: Language) => CATALOGS[language];

export class Desk {
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
export const wholeVisit = async (desk: Desk, who: { initials: string; patient: string }, shots: string | null) => {
  const { page, w } = desk;
  const dialog = await desk.reserve({ ...who, doctor: '정다은', hour: FREE_HOUR, minute: '00' });
  await dialog.getByRole('radio', { name: w.reservation.channels.phone }).check({ force: true });
  await dialog.getByLabel(`${w.reservation.purpose} (${w.common.optional})`).fill('보톡스 상담');
  if (shots) await shotAtBothSizes(page, `visit-${shots}-2-reservation`);
  await dialog.getByRole('button', { name: w.reservation.submit, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await desk.column('reserved').locator('.card', { hasText: who.patient }).waitFor();
  expect(await desk.card(who.patient).textContent()).toMatch(`${FREE_HOUR}:00`);

  let drawer = await desk.open(who.patient);
  await drawer.getByRole('button', { name: w.action.CheckIn, exact: true }).click();
  await desk.expectStatus('waiting');
  if (shots) await shotAtBothSizes(page, `visit-${shots}-3-checked-in`);

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
    if (shots) await shotAtBothSizes(page, `visit-${shots}-4-plan`);
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
  if (shots) await shotAtBothSizes(page, `visit-${shots}-5-procedure`);
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
    if (shots) await shotAtBothSizes(page, `visit-${shots}-6-payment`);
  });
  await expect.poll(() => drawer.getByTestId('balance').textContent()).toBe('₩0');
  await drawer.getByRole('button', { name: w.action.CheckOut, exact: true }).click();
  await desk.expectStatus('checked-out');
  if (shots) await shotAtBothSizes(page, `visit-${shots}-7-checked-out`);
  await page.keyboard.press('Escape');
  await desk.column('checked-out').locator('.card', { hasText: who.patient }).waitFor();
};

