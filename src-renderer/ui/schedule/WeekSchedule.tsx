/**
 * The week schedule by doctor (issue 13, item 2): doctors as rows, the clinic week's days as
 * columns, reservations as blocks in the stage's colour (`schedule.range`, canceled ones left out
 * by the desk). A doctor booked twice at overlapping times is marked on both blocks with the
 * desk's own warning (`warnings.list`), an icon and a word. A block opens the visit in the drawer.
 * Change notices re-read the week.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { ScheduledVisit, Warning } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { clinicDayOf, clinicToday, formatDay, formatTime, shiftDay } from '../../i18n/format.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import '../audit/audit.css';
import { warningsByVisit } from '../board/board-warnings.js';
import { WarningIcon } from '../board/WarningIcon.js';
import { ReadFailure } from '../ReadFailure.js';
import { VisitDrawer } from '../visit/VisitDrawer.js';
import './schedule.css';
import { daysOfWeek, mondayOf, weekRange } from './week.js';

const UNASSIGNED = 'unassigned';

export const WeekScheduleScreen = () => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const read = useDesk((state) => state.read);
  const bridge = useDesk((state) => state.bridge);
  const staff = useDesk((state) => state.staff);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const openVisit = useBoard((state) => state.openVisit);
  const today = clinicToday(timeZone);
  const [monday, setMonday] = useState(() => mondayOf(today));
  const [items, setItems] = useState<readonly ScheduledVisit[] | null>(null);
  const [warnings, setWarnings] = useState<readonly Warning[]>([]);
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(
    async (isCurrent: () => boolean) => {
      const range = weekRange(monday, timeZone);
      const [schedule, warned] = await Promise.all([read('schedule.range', range), read('warnings.list', range)]);
      if (!isCurrent()) return;
      if (schedule.ok) {
        setItems(schedule.result.items);
        setRefusal(null);
      } else setRefusal(schedule.error);
      if (warned.ok) setWarnings(warned.result.items);
    },
    [monday, timeZone, read],
  );

  useEffect(() => {
    let current = true;
    setItems(null);
    void load(() => current);
    const stop = bridge.onChange((notice) => {
      if (notice.kind === 'events') void load(() => current);
    });
    return () => {
      current = false;
      stop();
    };
  }, [load, bridge, attempt]);

  const days = daysOfWeek(monday);
  const warned = useMemo(() => warningsByVisit(items ?? [], warnings), [items, warnings]);
  const rows = useMemo(() => {
    const doctors = new Map<string, string>();
    for (const member of staff) if (member.role === 'doctor' && member.active) doctors.set(member.staffId, member.name);
    for (const visit of items ?? []) if (visit.doctorId && !doctors.has(visit.doctorId)) doctors.set(visit.doctorId, visit.doctorName ?? t('warning.someDoctor'));
    const list = [...doctors].sort((a, b) => a[1].localeCompare(b[1], 'ko')).map(([id, name]) => ({ id, name }));
    if ((items ?? []).some((visit) => !visit.doctorId)) list.push({ id: UNASSIGNED, name: t('card.noDoctor') });
    return list;
  }, [staff, items, t]);
  const cell = (doctor: string, day: string) =>
    (items ?? []).filter((visit) => (visit.doctorId ?? UNASSIGNED) === doctor && clinicDayOf(visit.startAt, timeZone) === day);

  const time = (at: string) => formatTime(at, timeZone, language);
  const overlapCount = [...warned.values()].filter((kinds) => kinds.includes('doubleBooked')).length;

  return (
    <section className="schedule-screen" aria-labelledby="schedule-title">
      <div className="screen-bar">
        <h1 id="schedule-title">
          {t('schedule.title')}{' '}
          <span className="board-date">{t('schedule.range', { from: formatDay(days[0] as string, language), to: formatDay(days[6] as string, language) })}</span>
        </h1>
        <div className="day-nav" role="group" aria-label={t('schedule.weekNav')}>
          <button type="button" className="quiet" onClick={() => setMonday(shiftDay(monday, -7))}>
            <span aria-hidden="true">‹ </span>
            {t('schedule.previousWeek')}
          </button>
          <button type="button" className="quiet" aria-pressed={monday === mondayOf(today)} onClick={() => setMonday(mondayOf(today))}>
            {t('schedule.thisWeek')}
          </button>
          <button type="button" className="quiet" onClick={() => setMonday(shiftDay(monday, 7))}>
            {t('schedule.nextWeek')}
            <span aria-hidden="true"> ›</span>
          </button>
          <label className="week-jump">
            <span>{t('schedule.jump')}</span>
            <input
              type="date"
              min="2000-01-01"
              max="2099-12-31"
              value={monday}
              onChange={(event) => {
                if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) setMonday(mondayOf(event.target.value));
              }}
            />
          </label>
        </div>
        {overlapCount > 0 ? (
          <p className="badge doubleBooked schedule-overlaps">
            <WarningIcon kind="doubleBooked" /> {t('schedule.overlaps', { count: overlapCount })}
          </p>
        ) : null}
      </div>
      <ReadFailure error={refusal} onRetry={() => setAttempt(attempt + 1)} />
      {items === null && !refusal ? <p className="muted">{t('common.loading')}</p> : null}
      {items !== null && items.length === 0 ? <p className="empty-state">{t('schedule.empty')}</p> : null}
      <div className="week-grid-wrap">
        <table className="week-grid">
          <caption className="visually-hidden">{t('schedule.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="doctor-col">
                {t('drawer.doctor')}
              </th>
              {days.map((day) => (
                <th key={day} scope="col" className={day === today ? 'today' : undefined} aria-current={day === today ? 'date' : undefined}>
                  {formatDay(day, language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((doctor) => (
              <tr key={doctor.id}>
                <th scope="row" className="doctor-col">
                  {doctor.name}
                </th>
                {days.map((day) => (
                  <td key={day} className={day === today ? 'today' : undefined}>
                    <ul className="blocks plain-list">
                      {cell(doctor.id, day).map((visit) => {
                        const overlapping = warned.get(visit.visitId)?.includes('doubleBooked') ?? false;
                        return (
                          <li key={visit.visitId}>
                            <button
                              type="button"
                              className={`block stage-${visit.stage}${overlapping ? ' overlapping' : ''}`}
                              onClick={() => void openVisit(visit.visitId)}
                            >
                              <span className="block-time">
                                {time(visit.startAt)}–{time(visit.endAt)}
                              </span>
                              <span className="block-name">{visit.patientName ?? t('card.unknownPatient')}</span>
                              <span className="block-stage">{t(`stage.${visit.stage}`)}</span>
                              {overlapping ? (
                                <span className="badge doubleBooked">
                                  <WarningIcon kind="doubleBooked" /> {t('warning.doubleBooked')}
                                </span>
                              ) : null}
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <VisitDrawer />
    </section>
  );
};
