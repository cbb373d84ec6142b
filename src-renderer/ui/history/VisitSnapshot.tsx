/**
 * A visit as it was at one step of its history: the facts a desk reads in the drawer, each marked
 * when that step changed it (a word and an outline, never colour alone).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { balanceOf, type VisitState } from '../../../shared/clinic/visit/state.js';
import { stageOf } from '../../../shared/contract/visit-stage.js';
import { languageOf } from '../../i18n/catalog.js';
import { formatMoney, formatTime } from '../../i18n/format.js';
import { useDesk } from '../../state/use-desk.js';
import { PlanTable } from '../visit/PlanTable.js';
import type { StepChanges, VisitFact } from './visit-changes.js';

export const VisitSnapshot = ({ state, changes }: { state: VisitState; changes: StepChanges }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const staff = useDesk((desk) => desk.staff);
  const timeZone = useDesk((desk) => desk.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const nameOf = (staffId: string | null) => staff.find((member) => member.staffId === staffId)?.name ?? '—';
  const money = (won: number) => formatMoney(won, language);
  const time = (at: string) => formatTime(at, timeZone, language);
  const stage = stageOf(state);

  const Fact = ({ fact, label, children }: { fact: VisitFact; label: string; children: ReactNode }) => {
    const changed = changes.facts.has(fact);
    return (
      <div className={changed ? 'fact changed' : 'fact'} data-fact={fact}>
        <dt>
          {label}
          {changed ? <span className="changed-mark">{t('history.changed')}</span> : null}
        </dt>
        <dd>{children}</dd>
      </div>
    );
  };

  return (
    <div className="snapshot" aria-live="polite">
      <dl className="snapshot-facts">
        <Fact fact="stage" label={t('drawer.status')}>
          {stage ? <span className={`status-chip stage-${stage}`}>{t(`stage.${stage}`)}</span> : '—'}
        </Fact>
        <Fact fact="doctor" label={t('drawer.doctor')}>
          {state.doctorId ? nameOf(state.doctorId) : t('card.noDoctor')}
        </Fact>
        <Fact fact="reservation" label={t('stage.reserved')}>
          {state.reservation ? t('drawer.slot', { from: time(state.reservation.startAt), to: time(state.reservation.endAt) }) : state.walkIn ? t('card.walkIn') : '—'}
        </Fact>
        <Fact fact="purpose" label={t('drawer.purpose')}>
          {state.purpose ?? '—'}
        </Fact>
        <Fact fact="deposit" label={t('history.deposit')}>
          {state.deposit ? money(state.deposit.amount) : '—'}
        </Fact>
        <Fact fact="checkedIn" label={t('stage.waiting')}>
          {state.checkedIn ? t('drawer.arrived', { time: time(state.checkedIn.at) }) : '—'}
        </Fact>
        <Fact fact="consultation" label={t('stage.consultation')}>
          {t(`history.consultation.${state.consultation.status}`)}
          {state.consultation.consultantId ? ` · ${nameOf(state.consultation.consultantId)}` : ''}
        </Fact>
        <Fact fact="photos" label={t('history.photos')}>
          {t('history.photoCounts', { before: state.photos.before, after: state.photos.after })}
        </Fact>
        <Fact fact="soothingCare" label={t('history.soothingCare')}>
          {t(`drawer.soothing.${state.soothingCare}`)}
        </Fact>
        <Fact fact="paid" label={t('history.paid')}>
          {money(state.paid)}
        </Fact>
        <Fact fact="refunded" label={t('history.refunded')}>
          {money(state.refunded)}
        </Fact>
        <Fact fact="balance" label={t('drawer.balance')}>
          <span className="money" data-testid="snapshot-balance">
            {money(balanceOf(state))}
          </span>
        </Fact>
        <Fact fact="memos" label={t('drawer.memos')}>
          {t('history.memoCount', { count: state.memos })}
        </Fact>
        {state.consents.length > 0 || changes.facts.has('consents') ? (
          <Fact fact="consents" label={t('drawer.consents')}>
            {state.consents.map((consent) => `${consent.form} (${consent.formVersion})`).join(', ')}
          </Fact>
        ) : null}
        {state.anomalies.length > 0 ? (
          <Fact fact="anomalies" label={t('drawer.anomalies')}>
            {state.anomalies.map((anomaly) => anomaly.rule).join(', ')}
          </Fact>
        ) : null}
        {changes.facts.has('closed') || 'closeReason' in state ? (
          <Fact fact="closed" label={t('history.closed')}>
            {'closeReason' in state ? (state.closeReason ?? '—') : 'checkedOutAt' in state ? time(state.checkedOutAt) : '—'}
          </Fact>
        ) : null}
      </dl>
      <div className={changes.facts.has('plan') ? 'snapshot-plan changed' : 'snapshot-plan'}>
        <h3>
          {t('drawer.plan')}
          {changes.facts.has('plan') ? <span className="changed-mark">{t('history.changed')}</span> : null}
        </h3>
        <PlanTable plan={state.plan} changed={changes.planItems} />
      </div>
    </div>
  );
};
