/**
 * The audit trail (issue 13, item 3; managers): who did what to which patient, on which desk and
 * when, newest first. Filtered by staff member, patient and period (clinic days); paged with the
 * desk's cursor as the list scrolls (new lines appear at the top while it is at the top), and virtualised (@tanstack/react-virtual) so a clinic's whole
 * history scrolls smoothly. A visit's line opens the visit.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { AuditEntry, PatientSummary } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { clinicDayOf, clinicDayRange, formatDay, formatTime } from '../../i18n/format.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { useEventSource } from '../event-source.js';
import { useNavigation } from '../frame/navigation.js';
import { PatientCombo } from '../patients/PatientCombo.js';
import { ReadFailure } from '../ReadFailure.js';
import { VisitDrawer } from '../visit/VisitDrawer.js';
import './audit.css';

export const AUDIT_PAGE = 100;
const ROW_PX = 56;

interface Filter {
  readonly staffId: string;
  readonly patient: PatientSummary | null;
  /** Clinic days, YYYY-MM-DD, both included; '' for no bound. */
  readonly fromDay: string;
  readonly toDay: string;
}

const NO_FILTER: Filter = { staffId: '', patient: null, fromDay: '', toDay: '' };

export const AuditTrailScreen = () => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const read = useDesk((state) => state.read);
  const staff = useDesk((state) => state.staff);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const openVisit = useBoard((state) => state.openVisit);
  const { who, where } = useEventSource();
  const opened = useNavigation();
  const [filter, setFilter] = useState<Filter>(() => (opened.patient ? { ...NO_FILTER, patient: opened.patient } : NO_FILTER));
  const [items, setItems] = useState<readonly AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'more'>('loading');
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const reading = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);

  // Clinic days are 2000–2099 at the desk; a typed year outside them is said here, not sent.
  const outOfRange = [filter.fromDay, filter.toDay].some((day) => day !== '' && (day < '2000-01-01' || day > '2099-12-31'));
  const badPeriod = outOfRange || (filter.fromDay !== '' && filter.toDay !== '' && filter.fromDay > filter.toDay);

  const page = useCallback(
    async (after: string | undefined) => {
      const args = {
        limit: AUDIT_PAGE,
        ...(filter.staffId ? { staffId: filter.staffId } : {}),
        ...(filter.patient ? { patientId: filter.patient.patientId } : {}),
        ...(filter.fromDay ? { from: clinicDayRange(filter.fromDay, timeZone).from } : {}),
        ...(filter.toDay ? { to: clinicDayRange(filter.toDay, timeZone).to } : {}),
        ...(after ? { cursor: after } : {}),
      };
      return read('audit.query', args);
    },
    [filter, read, timeZone],
  );

  // A new filter starts over from the newest line; an answer for an older filter is dropped.
  useEffect(() => {
    if (badPeriod) return;
    const mine = ++generation.current;
    reading.current = true;
    setPhase('loading');
    setRefusal(null);
    void page(undefined).then((answer) => {
      if (mine !== generation.current) return;
      if (answer.ok) {
        setItems(answer.result.items);
        setCursor(answer.result.cursor);
        scroller.current?.scrollTo?.({ top: 0 });
      } else setRefusal(answer.error);
      reading.current = false;
      setPhase('ready');
    });
  }, [page, badPeriod, attempt]);

  // What others (or this desk's other screens) record meanwhile appears at the top, while the
  // person is at the top of the first page; deeper in the list, nothing moves under their eyes.
  const bridge = useDesk((state) => state.bridge);
  const shownCount = useRef(0);
  shownCount.current = items.length;
  useEffect(
    () =>
      bridge.onChange((notice) => {
        if (notice.kind !== 'events' || shownCount.current > AUDIT_PAGE || (scroller.current?.scrollTop ?? 0) > ROW_PX) return;
        setAttempt((count) => count + 1);
      }),
    [bridge],
  );

  const more = useCallback(() => {
    // `reading` is set at once, not at the next render: a cursor of the filter before must not be
    // paged with the new one, nor one page asked twice.
    if (!cursor || reading.current) return;
    const mine = generation.current;
    reading.current = true;
    setPhase('more');
    void page(cursor).then((answer) => {
      if (mine !== generation.current) return;
      if (answer.ok) {
        setItems((before) => [...before, ...answer.result.items]);
        setCursor(answer.result.cursor);
      } else setRefusal(answer.error);
      reading.current = false;
      setPhase('ready');
    });
  }, [cursor, page]);

  const rows = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    // Rows have one height (CSS), so none is measured. jsdom and the first paint have no layout yet: assume a screenful.
    initialRect: { width: 1000, height: 600 },
  });
  const visible = rows.getVirtualItems();
  const lastShown = visible[visible.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastShown >= items.length - 10 && cursor) more();
  }, [lastShown, items.length, cursor, more]);

  const when = (at: string) => `${formatDay(clinicDayOf(at, timeZone), language)} ${formatTime(at, timeZone, language)}`;
  const filtered = filter.staffId !== '' || filter.patient !== null || filter.fromDay !== '' || filter.toDay !== '';

  return (
    <section className="audit-screen" aria-labelledby="audit-title">
      <div className="screen-bar">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <p className="muted">{t('audit.lead')}</p>
      </div>
      <form className="audit-filters" role="search" aria-label={t('audit.filters')} onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span>{t('audit.staff')}</span>
          <select value={filter.staffId} onChange={(event) => setFilter({ ...filter, staffId: event.target.value })}>
            <option value="">{t('audit.everyone')}</option>
            {staff.map((member) => (
              <option key={member.staffId} value={member.staffId}>
                {member.name} · {t(`role.${member.role}`)}
              </option>
            ))}
          </select>
        </label>
        {filter.patient ? (
          <div className="field chosen-filter">
            <span>{t('audit.patient')}</span>
            <p>
              <strong data-testid="audit-patient">{filter.patient.name}</strong> · {filter.patient.chartNumber}{' '}
              <button type="button" className="quiet" onClick={() => setFilter({ ...filter, patient: null })}>
                {t('audit.anyPatient')}
              </button>
            </p>
          </div>
        ) : (
          <PatientCombo label={t('audit.patient')} onChoose={(patient) => setFilter({ ...filter, patient })} />
        )}
        <label className="field">
          <span>{t('audit.from')}</span>
          <input type="date" min="2000-01-01" max="2099-12-31" value={filter.fromDay} onChange={(event) => setFilter({ ...filter, fromDay: event.target.value })} />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input type="date" min="2000-01-01" max="2099-12-31" value={filter.toDay} onChange={(event) => setFilter({ ...filter, toDay: event.target.value })} />
        </label>
        <button type="button" className="quiet" disabled={!filtered} onClick={() => setFilter(NO_FILTER)}>
          {t('audit.clear')}
        </button>
      </form>
      {badPeriod ? (
        <p className="refusal-line" role="alert">
          {outOfRange ? t('audit.outOfRange') : t('audit.badPeriod')}
        </p>
      ) : null}
      <ReadFailure error={refusal} onRetry={() => setAttempt(attempt + 1)} />
      {phase === 'loading' && items.length === 0 && !refusal ? <p className="muted">{t('common.loading')}</p> : null}
      {phase !== 'loading' && items.length === 0 && !refusal && !badPeriod ? (
        <p className="empty-state">{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>
      ) : null}
      <div className="audit-head" aria-hidden="true">
        <span>{t('audit.when')}</span>
        <span>{t('audit.what')}</span>
        <span>{t('audit.patient')}</span>
        <span>{t('audit.who')}</span>
      </div>
      <div className="audit-scroll" ref={scroller} tabIndex={0} role="region" aria-label={t('audit.list', { count: items.length })}>
        <ul className="audit-list plain-list" style={{ height: rows.getTotalSize() }} aria-busy={phase !== 'ready'}>
          {visible.map((row) => {
            const entry = items[row.index];
            if (!entry) return null;
            return (
              <li
                key={`${entry.position}`}
                className="audit-row"
                data-index={row.index}
                style={{ transform: `translateY(${row.start}px)` }}
                aria-setsize={cursor ? -1 : items.length}
                aria-posinset={row.index + 1}
              >
                <span className="audit-when">{when(entry.at)}</span>
                <span className="audit-what">
                  <strong>{t(`event.${entry.eventType}` as 'event.Reserved', { defaultValue: entry.eventType })}</strong>
                  <span className="muted small">{entry.summary}</span>
                </span>
                <span className="audit-patient">{entry.patientName ?? '—'}</span>
                <span className="audit-who">
                  {who(entry.staffId, entry.staffName)}
                  <span className="muted small">{where(entry.deviceId)}</span>
                </span>
                {entry.streamType === 'visit' ? (
                  <button type="button" className="quiet audit-open" onClick={() => void openVisit(entry.streamId)}>
                    {t('audit.openVisit')}
                  </button>
                ) : (
                  <span />
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <p className="audit-foot muted">
        {cursor ? (
          <button type="button" className="quiet" disabled={phase !== 'ready'} onClick={more}>
            {t('audit.more')}
          </button>
        ) : items.length > 0 ? (
          t('audit.end', { count: items.length })
        ) : null}
      </p>
      <VisitDrawer />
    </section>
  );
};
