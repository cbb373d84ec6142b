/**
 * Part 2's screens end to end (issue 13, scenario a), in Debian's chromium through the browser
 * host on a demo clinic connected to a real HQ process: a whole visit by clicks and typing, then
 * its history in time travel at every step (what the visit was, what that step changed, who did
 * it), the audit trail filtered to that patient, the week schedule and the patient's page; the
 * visit reaches HQ. Screenshots (test-results/e2e/screens-*) and axe-core on each of these screens.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { accessibilityProblems, Desk, FREE_HOUR, shotAtBothSizes, VIEWPORTS, wholeVisit } from '../support/desk-page.js';
import { e2eDesk, SCREENSHOTS } from '../support/e2e-desk.js';
import { startHqHost, type HqHost } from '../support/sync-clinic.js';
import { parsePulledEvents } from '../../src-server/log/pulled-event.js';
import { DEFAULT_LIMITS } from '../../src-server/settings.js';

const { problems, startHost, openPage } = e2eDesk();

let hq: HqHost | null = null;
afterEach(async () => {
  await hq?.stop();
  if (hq) fs.rmSync(hq.dataDir, { recursive: true, force: true });
  hq = null;
});

/** A real HQ process with one clinic and one desk device; the demo desk connected to it. */
const openConnectedDemoDesk = async (): Promise<{ page: Page; host: HqHost; tenantId: string }> => {
  const host = await startHqHost();
  hq = host;
  const { tenantId, token } = await host.withStore(async (_store, tenancy) => {
    const tenant = await tenancy.addTenant('데모 피부과');
    const issued = await tenancy.addDevice({ tenantId: tenant.tenantId, name: '1번 데스크', scope: 'desk' });
    return { tenantId: tenant.tenantId, token: issued.token };
  });
  const desk = await startHost(['--demo', '--hq', host.url(), '--token', token]);
  const page = await openPage(desk.pageUrl);
  await page.setViewportSize(VIEWPORTS.laptop);
  return { page, host, tenantId };
};

/** What the person reads on each step of the whole visit: the event's name, who did it, the stage after it, the balance after it. */
const STEPS: readonly [string, string, string, string][] = [
  ['예약', '이수진', '예약', '₩0'],
  ['체크인', '이수진', '접수', '₩0'],
  ['상담 시작', '박서연', '상담', '₩0'],
  ['상담 완료 · 시술 계획', '박서연', '시술', '₩240,000'],
  ['사진 기록', '한예린', '시술', '₩240,000'],
  ['시술 시작', '한예린', '시술', '₩240,000'],
  ['시술 완료', '한예린', '시술', '₩240,000'],
  ['시술 시작', '한예린', '시술', '₩240,000'],
  ['시술 완료', '한예린', '결제', '₩240,000'],
  ['사진 기록', '한예린', '결제', '₩240,000'],
  ['결제', '이수진', '결제', '₩0'],
  ['퇴실', '이수진', '퇴실', '₩0'],
];

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '화면' }).getByRole('button', { name, exact: true }).click();

describe('part 2 screens (chromium, browser host, demo clinic, real HQ)', () => {
  it('runs a whole visit, replays it step by step in time travel, and finds it in the audit trail, the schedule and the patient’s page', async () => {
    const { page, host, tenantId } = await openConnectedDemoDesk();
    const desk = new Desk(page, 'ko');
    await desk.signIn('이수진');
    await desk.column('payment').locator('.card').first().waitFor();
    await wholeVisit(desk, { initials: 'ㅎㅇㅇ', patient: '홍은우' }, null);

    // Time travel, from the drawer: every step, by keyboard on the slider.
    const drawer = await desk.open('홍은우');
    await drawer.getByRole('button', { name: '변경 기록 보기 (12단계)' }).click();
    const history = page.getByRole('dialog', { name: '홍은우 — 방문 기록' });
    const timeline = history.getByRole('list', { name: '변경 순서' }).getByRole('button');
    await expect.poll(() => timeline.count()).toBe(STEPS.length);
    const slider = history.getByRole('slider', { name: '기록 단계' });
    await slider.focus();
    await page.keyboard.press('Home');
    for (const [index, [event, who, stage, balance]] of STEPS.entries()) {
      if (index > 0) await page.keyboard.press('ArrowRight');
      const caption = history.getByTestId('step-caption');
      await expect.poll(() => caption.textContent()).toMatch(new RegExp(`^${event.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — .* · ${who} · 이 데스크$`));
      await expect.poll(() => history.locator('[data-fact="stage"] dd').textContent()).toBe(stage);
      await expect.poll(() => history.getByTestId('snapshot-balance').textContent()).toBe(balance);
      // Something is marked as changed at every step, and the current step is the one marked in the timeline.
      expect(await history.locator('.changed').count()).toBeGreaterThan(0);
      expect(await timeline.nth(index).getAttribute('aria-current')).toBe('step');
      await page.screenshot({ path: path.join(SCREENSHOTS, `screens-ko-history-step-${String(index + 1).padStart(2, '0')}-laptop.png`) });
    }
    // The step that made the plan: the plan and both items marked, the consultation completed.
    await timeline.nth(3).click();
    await expect.poll(() => history.locator('.snapshot-plan tr.changed').count()).toBe(2);
    expect(await history.locator('[data-fact="consultation"]').getAttribute('class')).toBe('fact changed');
    await shotAtBothSizes(page, 'screens-ko-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    // The audit trail, as the manager, filtered to the patient: the visit's steps, newest first.
    await desk.switchTo('김지현');
    await nav(page, '기록 조회');
    await page.getByRole('combobox', { name: '환자' }).pressSequentially('ㅎㅇㅇ');
    await page.getByRole('option', { name: /홍은우/ }).click();
    await expect.poll(() => page.getByTestId('audit-patient').textContent()).toBe('홍은우');
    const rows = page.locator('.audit-row');
    await expect.poll(() => rows.locator('.audit-open').count()).toBe(STEPS.length);
    expect(await rows.locator('.audit-patient').allTextContents()).toEqual(Array<string>(await rows.count()).fill('홍은우'));
    const visitRows = (await rows.allTextContents()).filter((text) => text.endsWith('방문 보기'));
    expect(visitRows.map((text) => STEPS.findIndex(([event]) => text.includes(event)) >= 0)).toEqual(Array<boolean>(STEPS.length).fill(true));
    expect(visitRows[0]).toMatch(/퇴실.*이수진이 데스크방문 보기$/);
    expect(visitRows.at(-1)).toMatch(/예약.*이수진이 데스크방문 보기$/);
    await shotAtBothSizes(page, 'screens-ko-audit');

    // The week schedule: the visit's block at its hour.
    await nav(page, '주간 일정');
    const block = page.locator('.block', { hasText: '홍은우' });
    await block.waitFor();
    expect(await block.textContent()).toMatch(`${FREE_HOUR}:00–${FREE_HOUR}:30홍은우퇴실`);
    await shotAtBothSizes(page, 'screens-ko-schedule');
    await block.click();
    await desk.drawer.getByRole('heading', { name: '홍은우' }).waitFor();
    await page.keyboard.press('Escape');

    // The patient's page: the visit with its stage and balance; the demo's duplicate with its survivor.
    await nav(page, '환자');
    await page.getByRole('searchbox', { name: '환자 찾기' }).fill('홍은우');
    await page.getByRole('button', { name: /^홍은우/ }).click();
    const patient = page.getByRole('region', { name: '홍은우' });
    await expect.poll(() => patient.locator('tbody tr').first().textContent()).toMatch(/보톡스 상담퇴실₩0열기$/);
    await page.locator('.duplicate').first().waitFor();
    expect(await page.locator('.duplicate .dup-tag.survives').count()).toBeGreaterThan(0);
    await shotAtBothSizes(page, 'screens-ko-patients');

    // HQ has the whole visit: its twelve events, in order.
    await expect
      .poll(
        async () => {
          const page1 = await host.withStore((store) => store.readEvents(tenantId, 0, 1000, DEFAULT_LIMITS.maxPullBytes));
          const events = parsePulledEvents(page1.events);
          const reserved = events.find((each) => each.type === 'Reserved' && (each.data as { purpose?: string }).purpose === '보톡스 상담');
          return events.filter((each) => each.streamId === reserved?.streamId).map((each) => each.version);
        },
        { timeout: 15_000 },
      )
      .toEqual(STEPS.map((_, index) => index + 1));
    expect(problems).toEqual([]);
  }, 240_000);

  it('has no serious or critical accessibility problems on the history, schedule, patients and audit screens', async () => {
    const { page } = await openConnectedDemoDesk();
    const desk = new Desk(page, 'ko');
    await desk.signIn('김지현');
    await desk.column('payment').locator('.card').first().waitFor();
    const found: Record<string, string[]> = {};
    await desk.column('payment').locator('.card').first().click();
    await desk.drawer.getByRole('button', { name: /변경 기록 보기/ }).click();
    await page.getByRole('slider', { name: '기록 단계' }).waitFor();
    await page.locator('.snapshot').waitFor();
    found.history = await accessibilityProblems(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await nav(page, '주간 일정');
    await page.locator('.block').first().waitFor();
    found.schedule = await accessibilityProblems(page);
    await nav(page, '환자');
    await page.locator('.duplicate').first().waitFor();
    await page.getByRole('searchbox', { name: '환자 찾기' }).fill('ㄱ');
    await page.locator('.patient-result').first().click();
    await page.locator('.patient-page h2').waitFor();
    found.patients = await accessibilityProblems(page);
    await page.locator('.duplicate').first().getByRole('button', { name: '기록 합치기' }).click();
    await page.getByRole('dialog', { name: '환자 기록 합치기' }).waitFor();
    found.merge = await accessibilityProblems(page);
    await page.keyboard.press('Escape');
    await nav(page, '기록 조회');
    await page.locator('.audit-row').first().waitFor();
    found.audit = await accessibilityProblems(page);
    expect(found).toEqual({ history: [], schedule: [], patients: [], merge: [], audit: [] });
    expect(problems).toEqual([]);
  });
});
