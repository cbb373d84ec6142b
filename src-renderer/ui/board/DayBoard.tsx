/**
 * The clinic day as columns by stage (UI.md, "The board"): sticky headers with counts, canceled,
 * no-shows and abandoned folded aside, the day's takings, date navigation with "today", and the
 * keys a desk uses all day: `/` find a patient on the board, `n` new reservation, arrows between
 * cards, Enter opens, Esc closes.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardVisit, VisitStage } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { clinicToday, formatDay, formatMoney, shiftDay } from '../../i18n/format.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { useSync } from '../../state/sync-store.js';
import { usePatientSearch } from '../../state/use-patient-search.js';
import { ReservationDialog, type ReservationMode } from '../reservation/ReservationDialog.js';
import { Refusal } from '../Refusal.js';
import { useNow } from '../use-now.js';
import { VisitDrawer } from '../visit/VisitDrawer.js';
import { warningsByVisit } from './board-warnings.js';
import { VisitCard } from './VisitCard.js';

export const BOARD_STAGES: readonly VisitStage[] = ['reserved', 'waiting', 'consultation', 'procedure', 'soothing-care', 'payment', 'checked-out'];
export const ASIDE_STAGES: readonly VisitStage[] = ['canceled', 'no-show', 'abandoned'];

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null);

/** Arrow keys move between cards: up and down in a column, left and right to the nearest card of the next column that has one. */
const moveFocus = (event: KeyboardEvent<HTMLElement>) => {
  const card = (event.target as HTMLElement).closest<HTMLElement>('.card');
  if (!card || !['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(event.key)) return;
  const column = Number(card.dataset.col);
  const row = Number(card.dataset.row);
  const root = event.currentTarget;
  const at = (col: number, r: number) => root.querySelector<HTMLElement>(`.card[data-col="${col}"][data-row="${r}"]`);
  let target: HTMLElement | null = null;
  if (event.key === 'ArrowUp') target = at(column, row - 1);
  if (event.key === 'ArrowDown') target = at(column, row + 1);
  const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
  for (let col = column + step; step !== 0 && col >= 0 && col < BOARD_STAGES.length && !target; col += step) {
    const cards = root.querySelectorAll<HTMLElement>(`.card[data-col="${col}"]`);
    if (cards.length > 0) target = cards[Math.min(row, cards.length - 1)] ?? null;
  }
  if (target) {
    event.preventDefault();
    target.focus();
  }
};

export const DayBoardScreen = () => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const date = useBoard((state) => state.date);
  const board = useBoard((state) => state.board);
  const warnings = useBoard((state) => state.warnings);
  const loadError = useBoard((state) => state.loadError);
  const highlighted = useBoard((state) => state.highlighted);
  const setDate = useBoard((state) => state.setDate);
  const openVisit = useBoard((state) => state.openVisit);
  const openVisitId = useBoard((state) => state.openVisitId);
  const now = useNow();
  const today = clinicToday(timeZone);
  const [dialog, setDialog] = useState<ReservationMode | null>(null);
  // A new desk loading the clinic's history takes no reservation yet (LoadingHistory says why).
  const loadingHistory = useSync((state) => state.status?.loadingHistory ?? false);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (date === null) void setDate(today);
  }, [date, today, setDate]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || openVisitId || dialog) return;
      if (event.key === '/') {
        event.preventDefault();
        search.current?.focus();
      } else if (event.key === 'n' && !loadingHistory) {
        event.preventDefault();
        setDialog('reserve');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openVisitId, dialog, loadingHistory]);

  // `/` search: the desk's own patient search (names, initials, last four digits, chart numbers), applied to the board.
  const found = usePatientSearch(query);
  const matches = useMemo(() => (found ? new Set(found.map((patient) => patient.patientId)) : null), [found]);

  const warned = useMemo(() => warningsByVisit(board?.visits ?? [], warnings), [board, warnings]);
  const byStage = useMemo(() => {
    const groups = new Map<VisitStage, BoardVisit[]>();
    for (const visit of board?.visits ?? []) {
      if (matches && !matches.has(visit.patientId)) continue;
      const list = groups.get(visit.stage) ?? [];
      list.push(visit);
      groups.set(visit.stage, list);
    }
    return groups;
  }, [board, matches]);
  const takings = useMemo(() => (board?.visits ?? []).reduce((sum, visit) => sum + visit.received, 0), [board]);
  const onOpen = useCallback((visitId: string) => void openVisit(visitId), [openVisit]);
  const asideCount = ASIDE_STAGES.reduce((sum, stage) => sum + (board?.counts[stage] ?? 0), 0);
  const shownDate = date ?? today;
  const empty = board !== null && board.visits.length === 0 && !loadingHistory;

  const cardsOf = (stage: VisitStage, column: number) =>
    (byStage.get(stage) ?? []).map((visit, row) => (
      <VisitCard
        key={visit.visitId}
        visit={visit}
        timeZone={timeZone}
        now={now}
        warnings={warned.get(visit.visitId) ?? []}
        highlighted={highlighted.has(visit.visitId)}
        column={column}
        row={row}
        onOpen={onOpen}
      />
    ));

  return (
    <section className="board-screen" aria-labelledby="board-title">
      <div className="board-bar">
        <h1 id="board-title">
          {t('board.title')} <span className="board-date">{formatDay(shownDate, language)}</span>
        </h1>
        <div className="day-nav" role="group" aria-label={t('board.dayNav')}>
          <button type="button" className="quiet" onClick={() => void setDate(shiftDay(shownDate, -1))}>
            <span aria-hidden="true">‹ </span>
            {t('board.previousDay')}
          </button>
          <button type="button" className="quiet" aria-pressed={shownDate === today} onClick={() => void setDate(today)}>
            {t('board.today')}
          </button>
          <button type="button" className="quiet" onClick={() => void setDate(shiftDay(shownDate, 1))}>
            {t('board.nextDay')}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
        <p className="takings">
          <span>{t('board.takings')}</span> <strong className="money">{formatMoney(takings, language)}</strong>
        </p>
        <div className="board-actions">
          <label className="board-search">
            <span className="visually-hidden">{t('board.findPatient')}</span>
            <input
              ref={search}
              type="search"
              placeholder={`${t('board.findPatient')} ( / )`}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setQuery('');
                  event.currentTarget.blur();
                }
              }}
            />
          </label>
          <button type="button" className="secondary" disabled={loadingHistory} onClick={() => setDialog('walk-in')}>
            {t('board.walkIn')}
          </button>
          <button type="button" disabled={loadingHistory} onClick={() => setDialog('reserve')} aria-keyshortcuts="n">
            {t('board.newReservation')} <kbd>n</kbd>
          </button>
        </div>
      </div>
      {loadError ? <Refusal error={loadError} /> : null}
      {warnings.some((warning) => warning.kind === 'no-active-manager') ? (
        <p className="clinic-warning" role="alert">
          {t('warning.noActiveManager')}
        </p>
      ) : null}
      {empty ? <p className="empty-state">{shownDate === today ? t('board.emptyToday') : t('board.emptyDay')}</p> : null}
      <div className="columns" onKeyDown={moveFocus}>
        {BOARD_STAGES.map((stage, column) => (
          <section key={stage} className={`column stage-${stage}`} aria-labelledby={`column-${stage}`}>
            <h2 id={`column-${stage}`} className="column-head">
              <span>{t(`stage.${stage}`)}</span>
              <span className="count" aria-label={t('board.people', { count: board?.counts[stage] ?? 0 })}>
                {board?.counts[stage] ?? 0}
              </span>
            </h2>
            <ul className="cards plain-list">{cardsOf(stage, column)}</ul>
          </section>
        ))}
      </div>
      <details className="aside">
        <summary>
          {t('board.aside')} <span className="count">{asideCount}</span>
        </summary>
        <div className="aside-columns">
          {ASIDE_STAGES.map((stage, index) => (
            <section key={stage} aria-labelledby={`column-${stage}`} className={`column stage-${stage}`}>
              <h2 id={`column-${stage}`} className="column-head">
                <span>{t(`stage.${stage}`)}</span>
                <span className="count">{board?.counts[stage] ?? 0}</span>
              </h2>
              <ul className="cards plain-list">{cardsOf(stage, BOARD_STAGES.length + index)}</ul>
            </section>
          ))}
        </div>
      </details>
      <p className="keys muted">{t('board.keys')}</p>
      {dialog ? <ReservationDialog mode={dialog} date={shownDate} onClose={() => setDialog(null)} /> : null}
      <VisitDrawer />
    </section>
  );
};
