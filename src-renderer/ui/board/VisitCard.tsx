import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardVisit } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { formatMoney, formatTime, minutesSince } from '../../i18n/format.js';
import type { WarningKind } from './board-warnings.js';
import { WarningIcon } from './WarningIcon.js';

/**
 * Stages in which someone sits and waits (for the consultation, to pay): their minutes since
 * arrival show, amber past 15 and red past 30. In a consultation or a procedure nobody waits.
 */
const WAITING_STAGES: ReadonlySet<BoardVisit['stage']> = new Set(['waiting', 'payment']);

export const waitLevel = (minutes: number): 'calm' | 'amber' | 'red' => (minutes > 30 ? 'red' : minutes > 15 ? 'amber' : 'calm');

interface Props {
  readonly visit: BoardVisit;
  readonly timeZone: string;
  readonly now: number;
  readonly warnings: readonly WarningKind[];
  readonly highlighted: boolean;
  readonly column: number;
  readonly row: number;
  readonly onOpen: (visitId: string) => void;
}

/**
 * Every re-read of the board brings new objects: a card re-renders only when a value it shows
 * changed (a remote event moves one card, not three hundred).
 */
const sameVisit = (a: BoardVisit, b: BoardVisit): boolean => (Object.keys(a) as (keyof BoardVisit)[]).every((key) => a[key] === b[key]);
const sameWarnings = (a: readonly WarningKind[], b: readonly WarningKind[]): boolean => a.length === b.length && a.every((kind, i) => kind === b[i]);
const sameCard = (a: Props, b: Props): boolean =>
  sameVisit(a.visit, b.visit) &&
  sameWarnings(a.warnings, b.warnings) &&
  a.timeZone === b.timeZone &&
  a.now === b.now &&
  a.highlighted === b.highlighted &&
  a.column === b.column &&
  a.row === b.row &&
  a.onOpen === b.onOpen;

/** One visit on the board, in the order of weight of UI.md: time, patient, doctor, next step, minutes waited. */
export const VisitCard = memo(function VisitCard({ visit, timeZone, now, warnings, highlighted, column, row, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const anchor = visit.startAt ?? visit.checkedInAt;
  const time = anchor ? formatTime(anchor, timeZone, language) : '';
  const waited = visit.checkedInAt && WAITING_STAGES.has(visit.stage) ? minutesSince(visit.checkedInAt, now) : null;
  const level = waited === null ? 'calm' : waitLevel(waited);
  const patient = visit.patientName ?? t('card.unknownPatient');
  const next = t(`card.next.${visit.stage}`, {
    done: visit.planDone,
    total: visit.planTotal,
    amount: formatMoney(Math.max(visit.balance, 0), language),
    time: visit.checkedOutAt ? formatTime(visit.checkedOutAt, timeZone, language) : '',
  });
  return (
    <li className="card-slot">
      <button
        type="button"
        className={`card stage-${visit.stage}${highlighted ? ' changed' : ''}`}
        data-visit-id={visit.visitId}
        data-col={column}
        data-row={row}
        onClick={() => onOpen(visit.visitId)}
      >
        <span className="card-top">
          <span className="card-time">{time}</span>
          {visit.startAt === null ? <span className="tag">{t('card.walkIn')}</span> : null}
          {waited !== null ? <span className={`waited ${level}`}>{t('card.waited', { count: waited })}</span> : null}
        </span>
        <span className="card-patient">
          <span className="card-name">{patient}</span>
          {visit.chartNumber ? <span className="chart">{visit.chartNumber}</span> : null}
        </span>
        <span className="card-doctor">{visit.doctorName ?? t('card.noDoctor')}</span>
        <span className="card-next">{visit.purpose && visit.stage === 'reserved' ? visit.purpose : next}</span>
        {warnings.length > 0 ? (
          <span className="badges">
            {warnings.map((kind) => (
              <span key={kind} className={`badge ${kind}`}>
                <WarningIcon kind={kind} /> {t(`warning.${kind}`)}
              </span>
            ))}
          </span>
        ) : null}
      </button>
    </li>
  );
}, sameCard);
