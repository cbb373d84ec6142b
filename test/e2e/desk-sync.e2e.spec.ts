/**
 * Sync as people at two desks see it, end to end in Debian's chromium: a real HQ process
 * (`npm run hq -- serve` on SQLite) and two browser hosts (`npm run desk:web -- --hq … --token …`),
 * the first with the demo clinic, the second joining it. Driven by clicks and typing only.
 *  b) HQ stopped: the staff keep working, the badge counts what waits; HQ back, the count returns
 *     to zero by itself and the other desk's board shows the new visits without a reload.
 *  c) Both desks offline (each behind a fault proxy that goes down): one cancels a reservation,
 *     the other checks the same patient in. The check-in reaches HQ first, so the cancellation
 *     becomes a conflict in both inboxes (the navigation counts it; the badge leads to it); one
 *     desk withdraws it and the other shows it resolved.
 *  e) A record HQ refuses (an old build's envelope, made as test/sync's sequence 7 makes one) is
 *     quarantined: the inbox lists it with HQ's reason.
 *  f) A desk joining a clinic with more history than one page of a catch-up shows the progress
 *     bar (held on its second page by the proxy, so it is seen whatever the machine's speed),
 *     then gets everything and the bar goes.
 * Plus the settings against the real HQ (whoami), and axe-core on the sync screens. Screenshots
 * (sync-*) at 1366×768 and 1920×1080 go to test-results/e2e/.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { HQ_PATHS } from '../../shared/contract/sync-protocol.js';
import { CATALOGS } from '../../src-renderer/i18n/catalog.js';
import { accessibilityProblems, Desk, shotAtBothSizes, VIEWPORTS } from '../support/desk-page.js';
import { e2eDesk } from '../support/e2e-desk.js';
import { startDeskWeb, type DeskWebProcess } from '../support/desk-web-process.js';
import { startFaultProxy, type FaultProxy, type RequestSeen } from '../support/fault-proxy.js';
import { eventually, inSync, recordAsOldBuild, startSyncClinic, type SyncClinic, type SyncDesk } from '../support/sync-clinic.js';
import { tempDir } from '../support/tab-desk.js';

const w = CATALOGS.ko;
const { problems, openPage } = e2eDesk();
/** Every demo staff member's PIN. */
const DEMO_PIN = '0000';

/** What this file started, stopped (and removed) after each test whatever happened. */
const started: { hosts: DeskWebProcess[]; proxies: FaultProxy[]; clinic: SyncClinic | null; folders: string[] } = { hosts: [], proxies: [], clinic: null, folders: [] };
afterEach(async () => {
  for (const host of started.hosts.splice(0)) await host.stop();
  for (const proxy of started.proxies.splice(0)) await proxy.close();
  await started.clinic?.close();
  started.clinic = null;
  for (const folder of started.folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  deskOf.clear();
});

const startClinic = async (): Promise<SyncClinic> => {
  started.clinic = await startSyncClinic();
  return started.clinic;
};

/** Each page's desk, by its data folder (what `inSync` reads beside the running host). */
const deskOf = new Map<Page, Pick<SyncDesk, 'name' | 'dataDir'>>();

/** A browser-host desk of the clinic, on a device of its own, straight to HQ or through `proxy`; its data in `dataDir` (a new folder by default). */
const startDesk = async (clinic: SyncClinic, name: string, options: { demo?: boolean; proxy?: FaultProxy; dataDir?: string } = {}): Promise<Page> => {
  const device = await clinic.addDevice(name);
  const hqUrl = options.proxy?.url ?? clinic.hq.url;
  const dataDir = options.dataDir ?? deskFolder();
  const host = await startDeskWeb([
    '--data', dataDir, '--port', '0', '--renderer', inject('rendererDir'),
    '--hq', hqUrl, '--token', device.token, ...(options.demo ? ['--demo'] : []),
  ]);
  started.hosts.push(host);
  const page = await openPage(host.pageUrl);
  await page.setViewportSize(VIEWPORTS.laptop);
  deskOf.set(page, { name, dataDir });
  return page;
};

const deskFolder = (): string => {
  const folder = tempDir('desk-sync-e2e');
  started.folders.push(folder);
  return folder;
};

const proxyTo = async (clinic: SyncClinic): Promise<FaultProxy> => {
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(clinic.hq.url).port) });
  started.proxies.push(proxy);
  return proxy;
};

/** Signs in once the sign-in screen offers `name` (the second desk, once HQ's staff have arrived). */
const signIn = async (page: Page, name: string): Promise<void> => {
  await page.getByRole('radio', { name: new RegExp(name) }).waitFor({ timeout: 30_000 });
  await new Desk(page, 'ko').signIn(name);
};

/** The pages' desks in sync with HQ: each holds what the others delivered (the badge says only that its own went). */
const pagesInSync = async (clinic: SyncClinic, pages: readonly Page[], timeoutMs = 60_000): Promise<void> => {
  await inSync(clinic, pages.map((page) => {
    const desk = deskOf.get(page);
    if (!desk) throw new Error('a page this file did not start');
    return desk;
  }), timeoutMs);
};

/** What the header's badge shows, as its data attributes say it. */
const badge = async (page: Page): Promise<{ state: string | null; pending: number; conflicts: number }> => {
  const sync = page.getByTestId('sync');
  if ((await sync.count()) === 0) return { state: null, pending: -1, conflicts: -1 };
  return {
    state: await sync.getAttribute('data-state'),
    pending: Number(await sync.getAttribute('data-pending')),
    conflicts: Number(await sync.getAttribute('data-conflicts')),
  };
};

const settled = async (page: Page, timeout = 60_000): Promise<void> => {
  await expect.poll(() => badge(page), { timeout, interval: 250 }).toMatchObject({ state: 'online', pending: 0 });
};

const cards = (page: Page, stage: string, patient: string) => page.locator(`.columns .column.stage-${stage} .card`).filter({ hasText: patient });

/** A walk-in for a demo patient, as the desk registers one: the board's button, the patient, 접수. */
const walkIn = async (page: Page, typed: string, patient: string): Promise<void> => {
  await page.getByRole('button', { name: w.board.walkIn, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: w.reservation.walkInTitle });
  await dialog.getByRole('combobox', { name: w.reservation.patient }).pressSequentially(typed);
  await page.getByRole('option', { name: new RegExp(patient) }).click();
  await dialog.getByRole('button', { name: w.reservation.walkInSubmit, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await cards(page, 'waiting', patient).first().waitFor();
};

/** Opens a screen from the left navigation: its entry is `heard` by that name (the conflicts entry with its count), its heading is `name`. */
const openScreen = async (page: Page, name: string, heard = name): Promise<void> => {
  await page.getByRole('navigation').getByRole('button', { name: heard, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
};

/** The catch-up's progress bar in the header, as a screen reader gets it. */
const catchUpBar = (page: Page) => page.getByRole('progressbar', { name: w.sync.badge.catchingUp });

describe('sync at two desks (chromium, browser hosts, a real HQ)', () => {
  it('b) keeps working while HQ is down, counts what waits, and catches up by itself when HQ is back', { timeout: 240_000 }, async () => {
    const clinic = await startClinic();
    const first = await startDesk(clinic, '1번 데스크', { demo: true });
    const second = await startDesk(clinic, '2번 데스크');
    await signIn(first, '이수진');
    await signIn(second, '박서연');
    await settled(first);
    await settled(second);
    // The second desk holds the demo day before its board is counted.
    await pagesInSync(clinic, [first, second]);
    await shotAtBothSizes(first, 'sync-b-0-online');
    const before = await cards(second, 'waiting', '안준서').count();

    await clinic.stopHq();
    await expect.poll(() => badge(first), { timeout: 30_000 }).toMatchObject({ state: 'offline' });
    await walkIn(first, '안준', '안준서');
    await walkIn(first, 'ㄹㅈㅇ', '류지아');
    await expect.poll(async () => (await badge(first)).pending).toBeGreaterThanOrEqual(2);
    const shown = await first.getByTestId('sync-badge').textContent();
    expect(shown).toContain(w.sync.badge.offline);
    expect(shown).toMatch(/대기 \d+건/);
    await shotAtBothSizes(first, 'sync-b-1-offline-waiting');
    await first.getByTestId('sync-badge').click();
    const details = first.getByRole('dialog', { name: w.sync.panel.title });
    await details.waitFor();
    expect(await details.textContent()).toContain('연결되면 저절로 보내집니다');
    await shotAtBothSizes(first, 'sync-b-2-offline-details');
    await first.keyboard.press('Escape');
    // Nothing reached the other desk meanwhile.
    expect(await cards(second, 'waiting', '안준서').count()).toBe(before);

    await clinic.startHq();
    await settled(first, 90_000);
    await shotAtBothSizes(first, 'sync-b-3-back-online');
    // The other desk's board (never reloaded) shows both new visits.
    await expect.poll(() => cards(second, 'waiting', '안준서').count(), { timeout: 60_000 }).toBe(before + 1);
    await expect.poll(() => cards(second, 'waiting', '류지아').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await shotAtBothSizes(second, 'sync-b-4-other-desk-board');
    expect(problems).toEqual([]);
  });

  it('c) shows a conflict made offline on two desks in both inboxes; resolved on one, the other shows it resolved', { timeout: 240_000 }, async () => {
    const clinic = await startClinic();
    const [toFirst, toSecond] = [await proxyTo(clinic), await proxyTo(clinic)];
    const first = await startDesk(clinic, '1번 데스크', { demo: true, proxy: toFirst });
    const second = await startDesk(clinic, '2번 데스크', { proxy: toSecond });
    await signIn(first, '이수진');
    await signIn(second, '박서연');
    await settled(first);
    await settled(second);

    // A reservation both desks see: the first one still reserved today (late in the day, tomorrow's).
    const reserved = (page: Page) => page.locator('.columns .column.stage-reserved .card');
    if ((await reserved(first).count()) === 0) {
      for (const page of [first, second]) await page.getByRole('button', { name: w.board.nextDay }).click();
    }
    const patient = (await reserved(first).first().locator('.card-name').textContent()) ?? '';
    expect(patient).not.toBe('');
    await cards(second, 'reserved', patient).waitFor();

    await toFirst.down();
    await toSecond.down();
    await expect.poll(() => badge(first), { timeout: 30_000 }).toMatchObject({ state: 'offline' });
    await expect.poll(() => badge(second), { timeout: 30_000 }).toMatchObject({ state: 'offline' });

    // The first desk cancels the reservation…
    await cards(first, 'reserved', patient).click();
    const drawer = first.locator('.drawer');
    await drawer.getByRole('button', { name: w.action.CancelReservation, exact: true }).click();
    const form = drawer.getByRole('form', { name: w.action.CancelReservation });
    await form.getByLabel(`${w.form.reason} (${w.common.optional})`).fill('환자 요청으로 취소');
    await form.getByRole('button', { name: w.form.confirm.replace('{{action}}', w.action.CancelReservation) }).click();
    await form.waitFor({ state: 'detached' });
    await first.keyboard.press('Escape');
    // …while the second one checks the same patient in.
    await cards(second, 'reserved', patient).click();
    await second.locator('.drawer').getByRole('button', { name: w.action.CheckIn, exact: true }).click();
    await cards(second, 'waiting', patient).waitFor();
    await second.keyboard.press('Escape');

    // The check-in reaches HQ first; then the cancellation, which no longer holds.
    await toSecond.up();
    await settled(second, 90_000);
    await toFirst.up();
    await expect.poll(() => badge(first), { timeout: 90_000, interval: 250 }).toMatchObject({ state: 'online', conflicts: 1 });
    await expect.poll(() => badge(second), { timeout: 30_000, interval: 250 }).toMatchObject({ conflicts: 1 });

    // The first desk follows its badge there, by keyboard.
    await first.getByTestId('sync-badge').focus();
    await first.keyboard.press('Enter');
    await first.getByRole('heading', { level: 1, name: w.frame.nav.conflicts }).waitFor();
    expect(await first.getByRole('dialog', { name: w.sync.panel.title }).count()).toBe(0);
    const conflict = (page: Page) => page.getByTestId('conflict').filter({ hasText: patient });
    await conflict(first).waitFor();
    const told = await conflict(first).textContent();
    expect(told).toContain(`${patient} 님의 방문`);
    expect(told).toContain('이수진 님이 예약을 취소하려 했습니다.');
    expect(told).toContain('박서연 님이 체크인했습니다.');
    expect(told).toContain(w.errors.ALREADY_CHECKED_IN);
    await shotAtBothSizes(first, 'sync-c-1-conflict-inbox');
    const inboxProblems = await accessibilityProblems(first);

    // The second desk's navigation counts it, in the entry's name.
    await openScreen(second, w.frame.nav.conflicts, '충돌 1건');
    await conflict(second).waitFor();
    expect(await conflict(second).textContent()).toContain('이수진 님이 예약을 취소하려 했습니다.');
    await conflict(second).getByRole('button', { name: w.sync.conflicts.dismiss }).click();
    const dialog = second.getByRole('dialog', { name: w.sync.conflicts.dismissTitle });
    await dialog.getByLabel(w.sync.conflicts.reason).fill('이미 체크인하여 진료 중');
    await shotAtBothSizes(second, 'sync-c-2-withdraw');
    const dialogProblems = await accessibilityProblems(second);
    await dialog.getByRole('button', { name: w.sync.conflicts.dismissSubmit, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => conflict(second).locator('.state-chip').textContent()).toBe(w.sync.conflicts.statusDismissed);

    // The first desk, untouched, shows it resolved by the other one, with the reason.
    await expect.poll(() => conflict(first).locator('.state-chip').textContent(), { timeout: 30_000 }).toBe(w.sync.conflicts.statusDismissed);
    expect(await conflict(first).locator('.resolution').textContent()).toMatch(/^박서연 님이 \d\d:\d\d에 철회했습니다\. 사유: 이미 체크인하여 진료 중$/);
    await expect.poll(() => badge(first)).toMatchObject({ conflicts: 0 });
    await first.getByRole('navigation').getByRole('button', { name: w.frame.nav.conflicts, exact: true }).waitFor();
    await shotAtBothSizes(first, 'sync-c-3-resolved-elsewhere');
    expect({ inbox: inboxProblems, dialog: dialogProblems }).toEqual({ inbox: [], dialog: [] });
    expect(problems).toEqual([]);
  });

  it('shows a manager the settings with HQ’s own answer, and the badge details, without accessibility problems', { timeout: 120_000 }, async () => {
    const clinic = await startClinic();
    const page = await startDesk(clinic, '1번 데스크', { demo: true });
    await signIn(page, '김지현');
    await settled(page);
    await openScreen(page, w.frame.nav.settings);
    await expect.poll(() => page.getByText('테스트 피부과', { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByText('1번 데스크', { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('bound-installation').textContent()).toBe(w.sync.settings.boundThis);
    await shotAtBothSizes(page, 'sync-d-1-settings');
    const settingsProblems = await accessibilityProblems(page);
    await page.getByTestId('sync-badge').click();
    await page.getByRole('dialog', { name: w.sync.panel.title }).waitFor();
    await shotAtBothSizes(page, 'sync-d-2-badge-details');
    const detailsProblems = await accessibilityProblems(page);
    expect({ settings: settingsProblems, details: detailsProblems }).toEqual({ settings: [], details: [] });
    expect(problems).toEqual([]);
  });

  it('e) lists a record HQ refused among the quarantined streams, with HQ’s reason', { timeout: 240_000 }, async () => {
    const clinic = await startClinic();
    const proxy = await proxyTo(clinic);
    const dataDir = deskFolder();
    const page = await startDesk(clinic, '1번 데스크', { demo: true, proxy, dataDir });
    await signIn(page, '김지현');
    await settled(page);

    // Offline, a memo on a visit…
    await proxy.down();
    await expect.poll(() => badge(page), { timeout: 30_000 }).toMatchObject({ state: 'offline' });
    const desk = new Desk(page, 'ko');
    const patient = (await page.locator('.columns .card .card-name').first().textContent()) ?? '';
    expect(patient).not.toBe('');
    await desk.open(patient);
    await desk.act('AddMemo', async (form) => {
      await form.getByLabel(w.form.memo).fill('이전 버전에서 남긴 메모');
    });
    await page.keyboard.press('Escape');
    // …recorded as an old build would: a meta field HQ's contract does not know (test/sync, sequence 7).
    const poisoned = recordAsOldBuild(dataDir, { newestOfType: 'MemoAdded' });
    await proxy.up();

    await expect.poll(() => badge(page), { timeout: 90_000, interval: 250 }).toMatchObject({ state: 'online' });
    await openScreen(page, w.frame.nav.conflicts);
    const entry = page.getByTestId('quarantined');
    await entry.waitFor({ timeout: 60_000 });
    const told = await entry.textContent();
    await expect.poll(() => entry.locator('strong').textContent()).toBe(`${patient} 님의 방문 기록`);
    expect(told).toContain(w.sync.quarantine.reason.INVALID_ENVELOPE);
    expect(await page.getByRole('heading', { level: 2, name: w.sync.quarantine.title }).count()).toBe(1);
    // The manager may send it again.
    expect(await entry.getByRole('button', { name: w.sync.quarantine.retry }).count()).toBe(1);
    // HQ holds nothing of it, and everything else of the visit.
    const atHq = (await clinic.hqStreams()).get(poisoned.streamId) ?? [];
    expect(atHq.some((event) => event.eventId === poisoned.eventId)).toBe(false);
    expect(atHq.length).toBeGreaterThan(0);
    await shotAtBothSizes(page, 'sync-e-1-quarantined');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('f) shows the catch-up as a progress bar while a desk joins a clinic with a long history, until it has everything', { timeout: 240_000 }, async () => {
    const clinic = await startClinic();
    // The clinic's history, made on a desk in this process: the demo clinic and enough patients
    // that HQ holds more than one page (500 events) of a catch-up.
    const history = await clinic.addDesk('본원 데스크', { demo: true });
    const manager = (await history.call('staff.list', {})).items.find((member) => member.name === '김지현');
    if (!manager) throw new Error('the demo clinic has no 김지현');
    await history.call('session.signIn', { staffId: manager.staffId, pin: DEMO_PIN });
    // 600 different names: a family name, then two syllables of a given name.
    const [FAMILY, FIRST, SECOND] = [['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'], ['민', '서', '지', '하', '도', '예', '시', '수', '유', '채'], ['준', '윤', '아', '린', '우', '호']];
    const nameOf = (n: number): string => `${FAMILY[n % 10] ?? ''}${FIRST[Math.floor(n / 10) % 10] ?? ''}${SECOND[Math.floor(n / 100)] ?? ''}`;
    const PATIENTS = 600;
    for (let n = 0; n < PATIENTS; n += 1) {
      await history.call('command.execute', { type: 'RegisterPatient', payload: { name: nameOf(n), phone: `010-7${String(n).padStart(3, '0')}-${String(1000 + n)}` } });
    }
    await eventually(() => history.unsettled() === 0, 60_000, 'the history reached HQ');
    const atHq = [...(await clinic.hqStreams()).values()].reduce((sum, events) => sum + events.length, 0);
    expect(atHq).toBeGreaterThan(500);

    // The joining desk's catch-up is held at its second page until the bar has been looked at.
    const proxy = await proxyTo(clinic);
    proxy.setFault((request) => (isPullAfterStart(request) ? 'pause' : 'pass'));
    const page = await startDesk(clinic, '2번 데스크', { proxy });
    await signIn(page, '김지현');
    const bar = catchUpBar(page);
    await bar.waitFor({ timeout: 30_000 });
    const now = Number(await bar.getAttribute('aria-valuenow'));
    const max = Number(await bar.getAttribute('aria-valuemax'));
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(max);
    expect(max).toBe(atHq);
    expect(await page.getByTestId('sync-badge').textContent()).toContain(`받는 중 ${Math.floor((now / max) * 100)}%`);
    await shotAtBothSizes(page, 'sync-f-1-catching-up');
    const catchingUpProblems = await accessibilityProblems(page);

    proxy.setFault('pass');
    proxy.resume();
    await settled(page, 90_000);
    await expect.poll(() => catchUpBar(page).count(), { timeout: 30_000 }).toBe(0);
    // Everything arrived: the last patient registered is found on the joining desk.
    await openScreen(page, w.frame.nav.patients);
    await page.getByRole('searchbox', { name: w.patients.search }).fill(nameOf(PATIENTS - 1));
    await page.getByRole('button', { name: new RegExp(nameOf(PATIENTS - 1)) }).waitFor({ timeout: 30_000 });
    expect(catchingUpProblems).toEqual([]);
    expect(problems).toEqual([]);
  });
});

/** A pull of HQ's log from anywhere but its start: a catch-up's second page onward. */
const isPullAfterStart = (request: RequestSeen): boolean => {
  if (request.method !== 'GET' || !request.path.startsWith(HQ_PATHS.events)) return false;
  return Number(new URL(request.path, 'http://hq').searchParams.get('after') ?? '0') > 0;
};
