/**
 * The visit in a drawer on the right (UI.md, "The visit drawer"): the patient with the phone
 * masked (the full number one click away), a status chip in the stage's colour, one primary
 * button for the likely next step and the other allowed actions in a row, the plan as a table
 * with the balance under it, photos, soothing care, consents and memos. A refusal appears next to
 * the action that caused it. Esc closes and focus returns to the card.
 */
import { useEffect, useRef, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { balanceOf } from '../../../shared/clinic/visit/state.js';
import type { CommandDraft } from '../../../shared/contract/desk-rpc.js';
import type { VisitDetail, Warning } from '../../../shared/contract/desk-views.js';
import { stageOf } from '../../../shared/contract/visit-stage.js';
import { languageOf } from '../../i18n/catalog.js';
import { formatMoney, formatPhone, formatTime, maskPhone } from '../../i18n/format.js';
import { useCommand } from '../../state/use-command.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { VisitHistory } from '../history/VisitHistory.js';
import { Refusal } from '../Refusal.js';
import { ActionForm, IMMEDIATE, immediateCommand } from './ActionForm.js';
import { PlanTable } from './PlanTable.js';
import { offeredActions, type VisitAction } from './visit-actions.js';

const WarningSentences = ({ detail, warnings }: { detail: VisitDetail; warnings: readonly Warning[] }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const sentences: string[] = [];
  for (const warning of warnings) {
    if (warning.kind === 'doctor-double-booked' && warning.visitIds.includes(detail.visitId)) {
      sentences.push(
        t('warning.doubleBookedSentence', {
          doctor: warning.doctorName ?? t('warning.someDoctor'),
          from: formatTime(warning.from, timeZone, language),
          to: formatTime(warning.to, timeZone, language),
        }),
      );
    }
    if (warning.kind === 'duplicate-patient' && detail.state.patientId && warning.patientIds.includes(detail.state.patientId)) {
      sentences.push(t('warning.duplicatePatientSentence'));
    }
  }
  for (const anomaly of detail.state.anomalies) {
    const rule = anomaly.rule in i18n.getResource(language, 'translation', 'errors') ? t(`errors.${anomaly.rule}` as 'errors.INTERNAL') : anomaly.rule;
    sentences.push(t('warning.anomalySentence', { rule }));
  }
  if (sentences.length === 0) return null;
  return (
    <ul className="warning-sentences">
      {[...new Set(sentences)].map((sentence) => (
        <li key={sentence}>{sentence}</li>
      ))}
    </ul>
  );
};

const VisitBody = ({ detail }: { detail: VisitDetail }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const session = useDesk((state) => state.status?.session ?? null);
  const staff = useDesk((state) => state.staff);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const boardVisit = useBoard((state) => state.board?.visits.find((visit) => visit.visitId === detail.visitId));
  const warnings = useBoard((state) => state.warnings);
  const events = useBoard((state) => state.visitEvents);
  const { run, refusal, busy, clear } = useCommand();
  const [active, setActive] = useState<VisitAction | null>(null);
  const [phoneShown, setPhoneShown] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const { state } = detail;
  const stage = boardVisit?.stage ?? stageOf(state) ?? 'reserved';
  const nameOf = (staffId: string | null) => staff.find((member) => member.staffId === staffId)?.name ?? '';
  const offered = session && !detail.needsUpgrade ? offeredActions(state, session.role) : { primary: null, secondary: [] };
  const balance = balanceOf(state);
  const memos = events.flatMap((event) =>
    event.type === 'MemoAdded' ? [{ id: event.eventId, text: (event.data as { text: string }).text, at: event.meta.raisedAt, by: nameOf(event.meta.initiator) }] : [],
  );

  useEffect(() => {
    setActive(null);
    clear();
  }, [detail.visitId, clear]);

  const actions = useRef<HTMLDivElement>(null);
  const send = async (command: CommandDraft) => {
    const done = await run(command);
    if (done) setActive(null);
    // The button pressed may be gone now (the next step has its own): keep focus in the drawer,
    // on the next likely step, so Enter and Esc go on working.
    requestAnimationFrame(() => {
      if (actions.current && !actions.current.contains(document.activeElement)) {
        actions.current.querySelector<HTMLElement>('.primary-action, .secondary-actions button, [role="alert"]')?.focus();
      }
    });
  };

  const choose = (action: VisitAction) => {
    clear();
    if (IMMEDIATE.has(action)) {
      setActive(null);
      const command = immediateCommand(action, detail.visitId, state);
      if (command) void send(command);
      return;
    }
    setActive(action);
  };

  const patient = detail.patient;
  return (
    <>
      <div className="drawer-head">
        <div>
          <Heading slot="title" id="drawer-title" className="drawer-name">
            {patient?.name ?? t('card.unknownPatient')}
          </Heading>
          <p className="drawer-meta">
            {patient ? <span>{t('drawer.chart', { chart: patient.chartNumber })}</span> : null}
            {patient ? (
              <span className="phone">
                <span data-testid="drawer-phone">{phoneShown ? formatPhone(patient.phone) : maskPhone(patient.phone)}</span>
                <button type="button" className="link" onClick={() => setPhoneShown(!phoneShown)}>
                  {phoneShown ? t('drawer.hidePhone') : t('drawer.showPhone')}
                </button>
              </span>
            ) : null}
          </p>
        </div>
        <span className={`status-chip stage-${stage}`}>{t(`stage.${stage}`)}</span>
      </div>
      <p className="drawer-history">
        <button type="button" className="secondary" onClick={() => setHistoryOpen(true)}>
          {t('history.open', { count: detail.version })}
        </button>
      </p>
      {historyOpen ? <VisitHistory detail={detail} onClose={() => setHistoryOpen(false)} /> : null}
      <dl className="facts">
        <div>
          <dt>{t('drawer.doctor')}</dt>
          <dd>{nameOf(state.doctorId) || t('card.noDoctor')}</dd>
        </div>
        {state.reservation ? (
          <div>
            <dt>{t('stage.reserved')}</dt>
            <dd>
              {t('drawer.slot', {
                from: formatTime(state.reservation.startAt, timeZone, language),
                to: formatTime(state.reservation.endAt, timeZone, language),
              })}
            </dd>
          </div>
        ) : null}
        {state.checkedIn ? (
          <div>
            <dt>{t('stage.waiting')}</dt>
            <dd>{t('drawer.arrived', { time: formatTime(state.checkedIn.at, timeZone, language) })}</dd>
          </div>
        ) : null}
        {state.purpose ? (
          <div>
            <dt>{t('drawer.purpose')}</dt>
            <dd>{state.purpose}</dd>
          </div>
        ) : null}
        {'closeReason' in state && state.closeReason ? (
          <div>
            <dt>{t(`stage.${stage}`)}</dt>
            <dd>{t('drawer.closedBecause', { reason: state.closeReason })}</dd>
          </div>
        ) : null}
      </dl>
      <WarningSentences detail={detail} warnings={warnings} />
      {detail.needsUpgrade ? <p className="notice">{t('drawer.needsUpgrade')}</p> : null}

      <div className="drawer-actions" ref={actions}>
        {offered.primary ? (
          <button type="button" className="primary-action" disabled={busy} onClick={() => choose(offered.primary as VisitAction)}>
            {t(`action.${offered.primary}`)}
          </button>
        ) : null}
        {offered.secondary.length > 0 ? (
          <div className="secondary-actions" role="group" aria-label={t('drawer.moreActions')}>
            {offered.secondary.map((action) => (
              <button key={action} type="button" className="secondary" aria-pressed={active === action} disabled={busy} onClick={() => choose(action)}>
                {t(`action.${action}`)}
              </button>
            ))}
          </div>
        ) : null}
        {active && session ? (
          <ActionForm
            key={active}
            action={active}
            visitId={detail.visitId}
            state={state}
            staff={staff}
            session={session}
            timeZone={timeZone}
            busy={busy}
            onSend={(command) => void send(command)}
            onCancel={() => {
              setActive(null);
              clear();
            }}
          />
        ) : null}
        <Refusal error={refusal} />
      </div>

      <section className="drawer-section" aria-labelledby="plan-title">
        <h3 id="plan-title">{t('drawer.plan')}</h3>
        <PlanTable plan={state.plan} />
        <div className="balance">
          <span>{t('drawer.balance')}</span>
          <strong className="money big" data-testid="balance">
            {formatMoney(balance, language)}
          </strong>
        </div>
        <p className="money-lines muted">
          {state.deposit ? <span>{t('drawer.deposit', { amount: formatMoney(state.deposit.amount, language) })}</span> : null}
          <span>{t('drawer.received', { amount: formatMoney(state.paid, language) })}</span>
          {state.refunded > 0 ? <span>{t('drawer.refunded', { amount: formatMoney(state.refunded, language) })}</span> : null}
        </p>
      </section>

      <section className="drawer-section">
        <p>{t('drawer.photos', { before: state.photos.before, after: state.photos.after })}</p>
        <p>{t(`drawer.soothing.${state.soothingCare}`)}</p>
        {state.consents.length > 0 ? (
          <p>
            {t('drawer.consents')}: {state.consents.map((consent) => `${consent.form} (${consent.formVersion})`).join(', ')}
          </p>
        ) : null}
      </section>

      <section className="drawer-section" aria-labelledby="memo-title">
        <h3 id="memo-title">{t('drawer.memos')}</h3>
        {memos.length === 0 ? (
          <p className="muted">{t('drawer.noMemos')}</p>
        ) : (
          <ul className="memos plain-list">
            {memos.map((memo) => (
              <li key={memo.id}>
                <p>{memo.text}</p>
                <p className="muted small">
                  {formatTime(memo.at, timeZone, language)} · {memo.by}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
};

export const VisitDrawer = () => {
  const { t } = useTranslation();
  const openVisitId = useBoard((state) => state.openVisitId);
  const visit = useBoard((state) => state.visit);
  const visitError = useBoard((state) => state.visitError);
  const closeVisit = useBoard((state) => state.closeVisit);
  // Esc closes the drawer even when focus was lost to the page (a pressed button re-rendered away).
  useEffect(() => {
    if (!openVisitId) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && (document.activeElement === document.body || document.activeElement === null)) closeVisit();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openVisitId, closeVisit]);
  return (
    <ModalOverlay isOpen={openVisitId !== null} onOpenChange={(isOpen) => (isOpen ? undefined : closeVisit())} isDismissable className="drawer-overlay">
      <Modal className="drawer">
        <Dialog className="drawer-dialog" aria-labelledby="drawer-title" aria-label={visit ? undefined : t('drawer.label')}>
          <button type="button" className="quiet drawer-close" onClick={closeVisit} aria-label={t('drawer.close')}>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <path d="M3 3l10 10M13 3 3 13" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
          {visit ? (
            <VisitBody detail={visit} />
          ) : visitError ? (
            <>
              <Heading slot="title" id="drawer-title">
                {t('drawer.label')}
              </Heading>
              <p>{t('drawer.loadFailed')}</p>
              <Refusal error={visitError} />
            </>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
};
