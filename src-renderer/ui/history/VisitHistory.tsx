/**
 * A visit's history with time travel (issue 13, item 1): every event of the visit in a timeline
 * with the staff member, the desk and the time; a slider (and the arrow keys) that shows the visit
 * exactly as it was after any step (`visit.stateAt`), with what that step changed highlighted.
 * Opened from the visit drawer, over it; Esc closes and focus returns to the drawer.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog, Heading, Label, Modal, ModalOverlay, Slider, SliderOutput, SliderThumb, SliderTrack } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { VisitState } from '../../../shared/clinic/visit/state.js';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { VisitDetail } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { clinicDayOf, formatDay, formatMoney, formatTime } from '../../i18n/format.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { useEventSource } from '../event-source.js';
import { Refusal } from '../Refusal.js';
import './history.css';
import { eventDetail, type DetailWords } from './event-detail.js';
import { changesAt } from './visit-changes.js';
import { VisitSnapshot } from './VisitSnapshot.js';

export const VisitHistory = ({ detail, onClose }: { detail: VisitDetail; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const read = useDesk((state) => state.read);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const events = useBoard((state) => state.visitEvents);
  const { who, where } = useEventSource();
  const last = events.length;
  const [step, setStep] = useState(last);
  // States by the id of the event that made them: a rebase (another desk's history taking the
  // place of this desk's pending events) gives a version another event, and its state is read again.
  const [states, setStates] = useState<ReadonlyMap<string, VisitState>>(new Map());
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const asked = useRef(new Set<string>());
  const timeline = useRef<HTMLOListElement>(null);

  // The newest step when the history grows (another desk, or this one) while it is open at the end.
  const lastSeen = useRef(last);
  useEffect(() => {
    if (step === lastSeen.current) setStep(last);
    lastSeen.current = last;
  }, [last, step]);

  // The state after this step and after the one before it: what changed is their difference.
  useEffect(() => {
    for (const version of [step, step - 1]) {
      const key = events[version - 1]?.eventId;
      if (key === undefined || asked.current.has(key)) continue;
      asked.current.add(key);
      void read('visit.stateAt', { visitId: detail.visitId, version }).then((answer) => {
        if (answer.ok) setStates((before) => new Map(before).set(key, answer.result.state));
        else {
          asked.current.delete(key);
          setRefusal(answer.error);
        }
      });
    }
  }, [step, read, detail.visitId, events]);

  useEffect(() => {
    timeline.current?.querySelector<HTMLElement>('[aria-current="step"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [step]);

  const stateAfter = (version: number) => states.get(events[version - 1]?.eventId ?? '') ?? null;
  const shown = stateAfter(step);
  const before = step > 1 ? stateAfter(step - 1) : null;
  const changes = useMemo(() => (shown && (step === 1 || before) ? changesAt(before, shown) : null), [shown, before, step]);
  const event = events[step - 1];
  const staff = useDesk((state) => state.staff);
  const details = useMemo(() => {
    const words: DetailWords = {
      t: (key, values) => t(key as 'history.title', values as Record<string, string>),
      money: (won) => formatMoney(won, language),
      time: (at) => formatTime(at, timeZone, language),
      staffName: (staffId) => staff.find((member) => member.staffId === staffId)?.name ?? t('source.unknownStaff'),
    };
    return events.map((_, index) => eventDetail(events, index, words));
  }, [events, staff, t, language, timeZone]);

  const onKey = (keyEvent: KeyboardEvent<HTMLElement>) => {
    // The slider's thumb handles its own keys; elsewhere in the dialog the arrows step too.
    if ((keyEvent.target as HTMLElement).closest('.history-slider')) return;
    if (keyEvent.key === 'ArrowLeft' || keyEvent.key === 'ArrowUp') setStep((current) => Math.max(1, current - 1));
    else if (keyEvent.key === 'ArrowRight' || keyEvent.key === 'ArrowDown') setStep((current) => Math.min(last, current + 1));
    else if (keyEvent.key === 'Home') setStep(1);
    else if (keyEvent.key === 'End') setStep(last);
    else return;
    keyEvent.preventDefault();
  };

  const when = (at: string) => `${formatDay(clinicDayOf(at, timeZone), language)} ${formatTime(at, timeZone, language)}`;

  return (
    <ModalOverlay isOpen onOpenChange={(open) => (open ? undefined : onClose())} isDismissable className="overlay history-overlay">
      <Modal className="history-modal">
        <Dialog className="history-dialog" aria-labelledby="history-title">
          <div className="history-head">
            <Heading slot="title" id="history-title">
              {t('history.title', { patient: detail.patient?.name ?? t('card.unknownPatient') })}
            </Heading>
            <button type="button" className="quiet" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
          {last === 0 ? (
            <p className="empty-state">{t('history.empty')}</p>
          ) : (
            <div className="history-body" onKeyDown={onKey}>
              <ol className="timeline plain-list" ref={timeline} aria-label={t('history.timeline')}>
                {events.map((each, index) => (
                  <li key={each.eventId}>
                    <button
                      type="button"
                      className="timeline-step"
                      aria-current={index + 1 === step ? 'step' : undefined}
                      tabIndex={index + 1 === step ? 0 : -1}
                      onClick={() => setStep(index + 1)}
                    >
                      <span className="step-no">{index + 1}</span>
                      <span className="step-what">
                        {t(`event.${each.type}` as 'event.Reserved', { defaultValue: each.type })}
                        {details[index] ? <span className="step-detail"> · {details[index]}</span> : null}
                      </span>
                      <span className="step-meta muted small">
                        {when(each.meta.raisedAt)} · {who(each.meta.initiator)} · {where(each.meta.deviceId)}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
              <div className="history-state">
                <Slider className="history-slider" minValue={1} maxValue={last} step={1} value={step} onChange={(value) => setStep(value)}>
                  <div className="slider-head">
                    <Label>{t('history.slider')}</Label>
                    <SliderOutput>{() => t('history.stepOf', { step, last })}</SliderOutput>
                  </div>
                  <SliderTrack className="slider-track">
                    <SliderThumb className="slider-thumb" />
                  </SliderTrack>
                </Slider>
                {event ? (
                  <p className="step-caption" data-testid="step-caption">
                    <strong>{t(`event.${event.type}` as 'event.Reserved', { defaultValue: event.type })}</strong> —{' '}
                    {t('history.byWhomWhere', { when: when(event.meta.raisedAt), who: who(event.meta.initiator), where: where(event.meta.deviceId) })}
                  </p>
                ) : null}
                <Refusal error={refusal} />
                {shown && changes ? <VisitSnapshot state={shown} changes={changes} /> : <p className="muted">{t('common.loading')}</p>}
                <p className="keys muted">{t('history.keys')}</p>
              </div>
            </div>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
};
