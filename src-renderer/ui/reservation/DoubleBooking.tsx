/**
 * The doctor's other booking in a slot, said before anything is sent (a new reservation, a
 * reschedule). The desk cannot forbid it — another desk may have booked offline — so the person
 * decides; the board marks what slipped through.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduledVisit } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { formatTime } from '../../i18n/format.js';
import { useDesk } from '../../state/use-desk.js';

const BOOKED: ReadonlySet<ScheduledVisit['stage']> = new Set(['reserved', 'waiting', 'consultation', 'procedure', 'soothing-care', 'payment']);

export const DoubleBooking = ({ doctorId, startAt, endAt, visitId }: { doctorId: string; startAt?: string; endAt?: string; visitId?: string }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const read = useDesk((state) => state.read);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const [overlap, setOverlap] = useState<ScheduledVisit | null>(null);

  useEffect(() => {
    setOverlap(null);
    if (!doctorId || !startAt || !endAt) return;
    let current = true;
    void read('schedule.range', { from: startAt, to: endAt, doctorId }).then((answer) => {
      if (!current || !answer.ok) return;
      setOverlap(
        answer.result.items.find((visit) => visit.visitId !== visitId && BOOKED.has(visit.stage) && visit.startAt < endAt && visit.endAt > startAt) ?? null,
      );
    });
    return () => {
      current = false;
    };
  }, [doctorId, startAt, endAt, visitId, read]);

  if (!overlap) return null;
  return (
    <p className="warning-line" role="status">
      {t('reservation.doubleBooked', {
        doctor: overlap.doctorName ?? t('warning.someDoctor'),
        from: formatTime(overlap.startAt, timeZone, language),
        to: formatTime(overlap.endAt, timeZone, language),
        patient: overlap.patientName ?? '',
      })}
    </p>
  );
};
