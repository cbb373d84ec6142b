/**
 * The header's sync badge (UI.md, "States"): online or offline in a word, events waiting, open
 * conflicts and the clock warning at a glance ("오프라인 · 대기 12건"), never a red banner; a
 * progress bar while the desk catches up with HQ. Pressing it (a click, Enter or Space) opens the
 * conflicts inbox while conflicts wait there — the one thing the badge then asks of a person —
 * and otherwise the details: what the state means in a sentence, the last successful sync, and
 * "sync now". The inbox offers the same details (SyncDetailsButton).
 */
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Label, Popover, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { SyncStatus } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { useFollowSync, useSync } from '../../state/sync-store.js';
import { useDesk } from '../../state/use-desk.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useNavigation } from '../frame/navigation.js';
import { percentOf, progressOf, type CatchUpStatus } from './catch-up-progress.js';
import { formatWhen, latestOf } from './when.js';
import { WithCode } from './WithCode.js';

const NOT_CONNECTED: SyncStatus['state'] = 'not-configured';

/** A new desk pulls HQ's log, then builds its lists from it (`building`): the badge says which, with how far. */
const catchUpLabel = (catchUp: CatchUpStatus, t: (key: string, values: Record<string, unknown>) => string): string =>
  catchUp.phase === 'building'
    ? t('sync.badge.building', { percent: catchUp.toBuild ? percentOf(progressOf(catchUp)) : 0 })
    : t('sync.badge.receiving', { percent: percentOf(progressOf(catchUp)) });

/** The bar under the badge: the same phase and progress as its label. */
const CatchUp = ({ catchUp }: { catchUp: CatchUpStatus }) => {
  const { t } = useTranslation();
  const { done, total } = progressOf(catchUp);
  return (
    <ProgressBar className="sync-progress" value={Math.min(done, total)} minValue={0} maxValue={Math.max(total, 1)}
      valueLabel={t('sync.badge.progress', { pulled: done.toLocaleString('en-US'), head: total.toLocaleString('en-US') })}>
      {({ percentage, valueText }) => (
        <>
          <Label className="visually-hidden">{t(catchUp.phase === 'building' ? 'sync.badge.preparing' : 'sync.badge.catchingUp')}</Label>
          <span className="visually-hidden">{valueText}</span>
          <div className="bar" aria-hidden>
            <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  );
};

/** What the badge's details say: the state in a sentence, then the numbers behind it. */
const Details = ({ status }: { status: SyncStatus }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const syncNow = useSync((state) => state.syncNow);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const last = latestOf(status.lastPushAt, status.lastPullAt);
  const connected = status.state !== NOT_CONNECTED;
  const now = async () => {
    setBusy(true);
    try {
      setRefusal(await syncNow());
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Heading slot="title">{t('sync.panel.title')}</Heading>
      <p>
        <WithCode text={status.needsRebind ? t('sync.panel.needsRebind') : t(`sync.panel.${status.state}`)} />
      </p>
      {status.clockWarning && status.clockSkewMs !== null ? (
        <p className="sync-warning">{t('sync.panel.clockWarning', { minutes: Math.max(1, Math.round(Math.abs(status.clockSkewMs) / 60_000)) })}</p>
      ) : null}
      {connected ? (
        <dl className="facts">
          <div>
            <dt>{t('sync.panel.lastSync')}</dt>
            <dd>{last ? formatWhen(last, timeZone, language) : t('sync.panel.never')}</dd>
          </div>
          <div>
            <dt>{t('sync.panel.pending')}</dt>
            <dd className="tabular">{t('sync.panel.count', { count: status.pending })}</dd>
          </div>
          <div>
            <dt>{t('sync.panel.conflicts')}</dt>
            <dd className="tabular">{t('sync.panel.count', { count: status.conflicts })}</dd>
          </div>
        </dl>
      ) : null}
      {status.quarantined.length > 0 ? <p>{t('sync.panel.quarantined', { count: status.quarantined.length })}</p> : null}
      {status.waitingForUpdate.length > 0 ? <p>{t('sync.panel.waitingForUpdate', { count: status.waitingForUpdate.length })}</p> : null}
      {status.lastError && status.state !== 'online' ? <p className="muted small">{t('sync.panel.detail', { message: status.lastError })}</p> : null}
      {refusal ? <ErrorNotice error={refusal} /> : null}
      {connected ? (
        <div className="form-actions">
          <Button className="secondary" isDisabled={busy} onPress={() => void now()}>
            {t('sync.panel.syncNow')}
          </Button>
        </div>
      ) : null}
    </>
  );
};

/** Where the last successful sync is worth a glance: the desk is not in touch with HQ now. */
const OUT_OF_TOUCH: ReadonlySet<SyncStatus['state']> = new Set(['offline', 'paused', 'stopped']);

/** The details in a popover under whatever opened them. */
const DetailsPopover = ({ status, triggerRef, isOpen, onOpenChange }: {
  status: SyncStatus;
  triggerRef?: RefObject<HTMLButtonElement | null>;
  isOpen?: boolean;
  onOpenChange?: (isOpen: boolean) => void;
}) => (
  <Popover placement="bottom end" className="sync-popover" {...(triggerRef ? { triggerRef } : {})} {...(isOpen !== undefined ? { isOpen } : {})} {...(onOpenChange ? { onOpenChange } : {})}>
    <Dialog className="dialog sync-details">
      <Details status={status} />
    </Dialog>
  </Popover>
);

/** The badge's face: the state in a word, then what is waiting, each in a word of its own. */
const BadgeParts = ({ status }: { status: SyncStatus }): ReactNode => {
  const { t, i18n } = useTranslation();
  const timeZone = useDesk((desk) => desk.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const state = status.state;
  const last = latestOf(status.lastPushAt, status.lastPullAt);
  return (
    <>
      <span className="sync-dot" aria-hidden />
      <span>{t(`sync.badge.${state}`)}</span>
      {state !== NOT_CONNECTED && status.pending > 0 ? <span className="sync-part">{t('sync.badge.waiting', { count: status.pending })}</span> : null}
      {status.conflicts > 0 ? <span className="sync-part sync-attention">{t('sync.badge.conflicts', { count: status.conflicts })}</span> : null}
      {status.clockWarning ? <span className="sync-part sync-attention">{t('sync.badge.clock')}</span> : null}
      {status.catchUp ? <span className="sync-part">{catchUpLabel(status.catchUp, t)}</span> : null}
      {OUT_OF_TOUCH.has(state) && last ? <span className="sync-part sync-last">{t('sync.badge.lastSync', { time: formatWhen(last, timeZone, languageOf(i18n)) })}</span> : null}
    </>
  );
};

export const SyncBadgeView = ({ status }: { status: SyncStatus }) => {
  const { t } = useTranslation();
  const { open } = useNavigation();
  const badge = useRef<HTMLButtonElement>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const conflicts = status.conflicts > 0;
  // One button whatever it opens, so focus stays on it when conflicts come or go.
  const press = () => (conflicts ? open('conflicts') : setDetailsOpen(true));
  return (
    <div className="sync-badge-wrap" data-testid="sync" data-state={status.state} data-pending={status.pending} data-conflicts={status.conflicts}>
      <Button
        ref={badge}
        className={`sync-badge sync-${status.state}`}
        data-testid="sync-badge"
        aria-haspopup={conflicts ? undefined : 'dialog'}
        aria-expanded={conflicts ? undefined : detailsOpen}
        onPress={press}
      >
        <BadgeParts status={status} />
        <span className="visually-hidden">{conflicts ? t('sync.badge.openConflicts') : t('sync.badge.open')}</span>
      </Button>
      <DetailsPopover status={status} triggerRef={badge} isOpen={detailsOpen} onOpenChange={setDetailsOpen} />
      {status.catchUp ? <CatchUp catchUp={status.catchUp} /> : null}
    </div>
  );
};

/** The details on a screen of their own (the conflicts inbox, where the badge leads while conflicts wait). */
export const SyncDetailsButton = () => {
  const { t } = useTranslation();
  const status = useSync((state) => state.status);
  if (!status) return null;
  return (
    <DialogTrigger>
      <Button className="secondary">{t('sync.badge.open')}</Button>
      <DetailsPopover status={status} />
    </DialogTrigger>
  );
};

/** The badge as the header shows it: nothing before sign-in or before the desk first answered. */
export const SyncBadge = () => {
  const { t } = useTranslation();
  useFollowSync();
  const signedIn = useDesk((state) => state.status?.session !== null && state.status?.session !== undefined);
  const status = useSync((state) => state.status);
  const unreadable = useSync((state) => state.statusError !== null);
  if (!signedIn) return null;
  if (!status) {
    // The desk did not say where sync stands (a failed read): say so quietly, never as an alarm.
    return unreadable ? (
      <span className="sync-badge sync-unknown" data-testid="sync">
        {t('sync.badge.unknown')}
      </span>
    ) : null;
  }
  return <SyncBadgeView status={status} />;
};
