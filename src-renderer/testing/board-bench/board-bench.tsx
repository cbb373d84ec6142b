/**
 * The day-board benchmark's page (bench/board.bench.ts builds it with Vite and drives it in
 * Chromium). The real desk app — stores, Bridge notices, React components, styles and fonts — over
 * a scripted Bridge with a day of 300 visits; beside it, in the same page and run, the raw
 * baseline: the same number of plain DOM cards inserted and moved without React.
 *
 * Each figure ends once the DOM shows the result and layout has been computed (offsetHeight).
 */
import '@fontsource/pretendard/400.css';
import '@fontsource/pretendard/600.css';
import '@fontsource/pretendard/700.css';
import '../../styles.css';
import { createRoot } from 'react-dom/client';
import type { BoardVisit, DayBoard, DeskStatus, VisitStage } from '../../../shared/contract/desk-views.js';
import { createI18n } from '../../i18n/catalog.js';
import { clinicDayRange, clinicToday } from '../../i18n/format.js';
import { createDeskStore, followChanges } from '../../state/desk-store.js';
import { DeskStoreContext } from '../../state/use-desk.js';
import { App } from '../../ui/App.js';
import { recordingBridge } from '../recording-bridge.js';

const STAGES: readonly VisitStage[] = ['reserved', 'waiting', 'consultation', 'procedure', 'soothing-care', 'payment', 'checked-out', 'canceled', 'no-show', 'abandoned'];
const NAMES = ['김민수', '이서윤', '박지호', '최하은', '정우진', '강수아', '조예준', '윤지민', '장서진', '임하린'];
const TIME_ZONE = 'Asia/Seoul';

const uuid = (n: number): string => `0190f5d2-9c1e-7a3b-8c4d-${n.toString(16).padStart(12, '0')}`;

const dayOf = (count: number): BoardVisit[] => {
  const { from } = clinicDayRange(clinicToday(TIME_ZONE), TIME_ZONE);
  const opening = Date.parse(from) + 9 * 3_600_000;
  return Array.from({ length: count }, (_, i) => {
    const stage = STAGES[i % 7] as VisitStage;
    const startAt = new Date(opening + (i % 40) * 15 * 60_000).toISOString();
    return {
      visitId: uuid(1_000 + i),
      patientId: uuid(5_000 + i),
      patientName: `${NAMES[i % NAMES.length] ?? ''}${i}`,
      chartNumber: `D7A3-${i + 1}`,
      doctorId: uuid(1 + (i % 3)),
      doctorName: ['최민호', '정다은', '한지우'][i % 3] ?? null,
      stage,
      channel: 'phone',
      purpose: i % 5 === 0 ? '레이저 토닝 상담' : null,
      startAt,
      endAt: new Date(Date.parse(startAt) + 30 * 60_000).toISOString(),
      checkedInAt: stage === 'reserved' ? null : startAt,
      checkedOutAt: stage === 'checked-out' ? startAt : null,
      balance: stage === 'payment' ? 150_000 : 0,
      received: 50_000,
      planDone: 1,
      planTotal: 2,
      anomalies: 0,
      version: 3,
    };
  });
};

const boardOf = (visits: readonly BoardVisit[]): DayBoard => {
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<VisitStage, number>;
  for (const visit of visits) counts[visit.stage] += 1;
  return { date: clinicToday(TIME_ZONE), timeZone: TIME_ZONE, visits, counts };
};

const status: DeskStatus = {
  appVersion: '0.1.0',
  installationId: uuid(9_999),
  deskPrefix: 'D7A3',
  clinic: { name: '서울 미소 피부과', timeZone: TIME_ZONE },
  session: { staffId: uuid(1), name: '이수진', role: 'desk', signedInAt: new Date().toISOString(), idleTimeoutMs: 600_000 },
  staffCount: 3,
  firstManagerOpen: false,
  needsFullPull: false,
  loading: null,
};

/** Resolves once `done()` holds, checked after each DOM change. */
const until = (root: Element, done: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    if (done()) return resolve();
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });

const settle = (root: HTMLElement): number => root.offsetHeight;

export interface Round {
  readonly reactFirstMs: number;
  readonly reactEventMs: number;
  readonly rawFirstMs: number;
  readonly rawEventMs: number;
}

const reactRound = async (count: number): Promise<{ first: number; event: number }> => {
  const stage = document.getElementById('stage') as HTMLElement;
  const host = document.createElement('div');
  stage.replaceChildren(host);
  let visits = dayOf(count);
  const bridge = recordingBridge({
    'desk.status': () => ({ ok: true, result: status }),
    'staff.list': () => ({ ok: true, result: { items: [] } }),
    'board.day': () => ({ ok: true, result: boardOf(visits) }),
    'warnings.list': () => ({ ok: true, result: { items: [] } }),
  });
  const store = createDeskStore(bridge);
  const stop = followChanges(bridge, store);
  await store.getState().refresh();
  const i18n = createI18n('ko');

  const started = performance.now();
  const root = createRoot(host);
  root.render(
    <DeskStoreContext.Provider value={store}>
      <App i18n={i18n} />
    </DeskStoreContext.Provider>,
  );
  await until(host, () => host.querySelectorAll('.card').length === count);
  settle(host);
  const first = performance.now() - started;

  // One remote event: another desk checked a reserved patient in.
  const moved = visits.find((visit) => visit.stage === 'reserved') as BoardVisit;
  visits = visits.map((visit) => (visit === moved ? { ...visit, stage: 'waiting', checkedInAt: new Date().toISOString(), version: visit.version + 1 } : visit));
  const noticed = performance.now();
  bridge.notify({ kind: 'events', streamIds: [moved.visitId] });
  await until(host, () => host.querySelector(`.column.stage-waiting .card[data-visit-id="${moved.visitId}"]`) !== null);
  settle(host);
  const event = performance.now() - noticed;

  root.unmount();
  stop();
  return { first, event };
};

/** The baseline: the same cards as plain DOM, inserted, then one moved to another column. */
const rawRound = (count: number): { first: number; event: number } => {
  const stage = document.getElementById('stage') as HTMLElement;
  const visits = dayOf(count);
  const started = performance.now();
  const board = document.createElement('div');
  board.className = 'columns';
  const lists = new Map<VisitStage, HTMLElement>();
  for (const name of STAGES.slice(0, 7)) {
    const column = document.createElement('section');
    column.className = `column stage-${name}`;
    const list = document.createElement('ul');
    list.className = 'cards plain-list';
    column.append(list);
    board.append(column);
    lists.set(name, list);
  }
  const cards = new Map<string, HTMLElement>();
  for (const visit of visits) {
    const item = document.createElement('li');
    const card = document.createElement('button');
    card.className = `card stage-${visit.stage}`;
    for (const [className, text] of [
      ['card-time', visit.startAt?.slice(11, 16) ?? ''],
      ['card-name', visit.patientName ?? ''],
      ['card-doctor', visit.doctorName ?? ''],
      ['card-next', visit.purpose ?? visit.stage],
    ] as const) {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      card.append(span);
    }
    item.append(card);
    lists.get(visit.stage)?.append(item);
    cards.set(visit.visitId, item);
  }
  stage.replaceChildren(board);
  settle(stage);
  const first = performance.now() - started;

  const moved = visits.find((visit) => visit.stage === 'reserved') as BoardVisit;
  const noticed = performance.now();
  const item = cards.get(moved.visitId) as HTMLElement;
  lists.get('waiting')?.append(item);
  (item.firstElementChild as HTMLElement).className = 'card stage-waiting changed';
  settle(stage);
  const event = performance.now() - noticed;
  return { first, event };
};

declare global {
  interface Window {
    runBoardBench: (count: number) => Promise<Round>;
  }
}

window.runBoardBench = async (count) => {
  const react = await reactRound(count);
  const raw = rawRound(count);
  return { reactFirstMs: react.first, reactEventMs: react.event, rawFirstMs: raw.first, rawEventMs: raw.event };
};
