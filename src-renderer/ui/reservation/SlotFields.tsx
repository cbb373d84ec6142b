/**
 * A reservation's slot as a person types it: a date and 24-hour start and end times in the
 * clinic's time zone (react-aria's DateField and TimeField: segments typed or stepped with the
 * arrow keys). The contract takes instants; `slotInstants` converts.
 */
import { parseDate, Time, type CalendarDate } from '@internationalized/date';
import { DateField, DateInput, DateSegment, Label, TimeField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Reservation } from '../../../shared/clinic/visit/state.js';
import { clinicDayOf, clinicInstant, clinicTimeOf } from '../../i18n/format.js';

export interface Slot {
  readonly date: CalendarDate | null;
  readonly start: Time | null;
  readonly end: Time | null;
}

const DEFAULT_MINUTES = 30;

/** The next half hour from `now` in the clinic's zone, on `date`. */
export const newSlot = (date: string, timeZone: string, now = Date.now()): Slot => {
  const current = clinicTimeOf(new Date(now).toISOString(), timeZone);
  const minutes = Math.min(current.hour * 60 + current.minute + (30 - (current.minute % 30)), 23 * 60);
  const start = new Time(Math.floor(minutes / 60), minutes % 60);
  return { date: parseDate(date), start, end: start.add({ minutes: DEFAULT_MINUTES }) };
};

export const slotOf = (reservation: Reservation | null, timeZone: string, fallbackDate?: string): Slot =>
  reservation
    ? {
        date: parseDate(clinicDayOf(reservation.startAt, timeZone)),
        start: clinicTimeOf(reservation.startAt, timeZone),
        end: clinicTimeOf(reservation.endAt, timeZone),
      }
    : newSlot(fallbackDate ?? clinicDayOf(new Date().toISOString(), timeZone), timeZone);

/** The slot as the contract's instants, or null when it is incomplete or ends before it starts. */
export const slotInstants = (slot: Slot, timeZone: string): { startAt: string; endAt: string } | null => {
  if (!slot.date || !slot.start || !slot.end || slot.end.compare(slot.start) <= 0) return null;
  return { startAt: clinicInstant(slot.date, slot.start, timeZone), endAt: clinicInstant(slot.date, slot.end, timeZone) };
};

export const SlotFields = ({ slot, onChange }: { slot: Slot; onChange: (slot: Slot) => void }) => {
  const { t } = useTranslation();
  const setStart = (start: Time | null) => {
    // Moving the start keeps the length of the slot.
    const length = slot.start && slot.end ? (slot.end.hour - slot.start.hour) * 60 + slot.end.minute - slot.start.minute : DEFAULT_MINUTES;
    onChange({ ...slot, start, end: start ? start.add({ minutes: length > 0 ? length : DEFAULT_MINUTES }) : slot.end });
  };
  return (
    <div className="slot-fields">
      <DateField className="field" value={slot.date} onChange={(date) => onChange({ ...slot, date })}>
        <Label>{t('reservation.date')}</Label>
        <DateInput className="segments">{(segment) => <DateSegment className="segment" segment={segment} />}</DateInput>
      </DateField>
      <TimeField className="field" value={slot.start} onChange={setStart} hourCycle={24} shouldForceLeadingZeros>
        <Label>{t('reservation.start')}</Label>
        <DateInput className="segments">{(segment) => <DateSegment className="segment" segment={segment} />}</DateInput>
      </TimeField>
      <TimeField className="field" value={slot.end} onChange={(end) => onChange({ ...slot, end })} hourCycle={24} shouldForceLeadingZeros>
        <Label>{t('reservation.end')}</Label>
        <DateInput className="segments">{(segment) => <DateSegment className="segment" segment={segment} />}</DateInput>
      </TimeField>
    </div>
  );
};
