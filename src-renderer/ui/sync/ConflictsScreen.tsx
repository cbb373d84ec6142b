/**
 * The conflicts inbox (UI.md, "States"): each conflict as sentences about people and visits —
 * what was tried and by whom, why it did not run, what reached HQ first and who did it — with the
 * two choices as buttons for a person allowed to make that request. Resolved ones stay a week,
 * saying who resolved them and how. Below, the records HQ refused (quarantined streams) with the
 * reason, which a manager may send again.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isClinicCommandName, mayIssue, ROLES } from '../../../shared/clinic/permissions.js';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import type { Conflict, QuarantinedStream } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { useSync } from '../../state/sync-store.js';
import { useDesk } from '../../state/use-desk.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Refusal } from '../Refusal.js';
import { useEventSource } from '../event-source.js';
import { hadSentence, subjectOf, triedSentence, whySentence } from './conflict-words.js';
import { DismissDialog, RetryDialog } from './ResolveDialogs.js';
import { SyncDetailsButton } from './SyncBadge.js';
import { formatWhen } from './when.js';

const STATUS_WORD = { open: 'statusOpen', retried: 'statusRetried', dismissed: 'statusDismissed' } as const;

const ConflictCard = ({ conflict }: { conflict: Conflict }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { who, where } = useEventSource();
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const role = useDesk((state) => state.status?.session?.role);
  const [open, setOpen] = useState<'retry' | 'dismiss' | null>(null);
  const when = (instant: string) => formatWhen(instant, timeZone, language);
  const type = conflict.command.type;
  const allowed = role !== undefined && isClinicCommandName(type) && mayIssue(role, type);
  const headingId = `conflict-${conflict.conflictId}`;
  return (
    <li className={`conflict ${conflict.status}`} aria-labelledby={headingId} data-testid="conflict" data-conflict-id={conflict.conflictId}>
      <div className="conflict-head">
        <h3 id={headingId}>{subjectOf(t, conflict)}</h3>
        <span className={`state-chip ${conflict.status}`}>{t(`sync.conflicts.${STATUS_WORD[conflict.status]}`)}</span>
      </div>
      <p className="tried">{triedSentence(t, language, conflict, who(conflict.command.issuedBy, conflict.command.issuedByName))}</p>
      <p className="conflict-meta">{t('sync.conflicts.at', { time: when(conflict.command.issuedAt), desk: where(conflict.deviceId) })}</p>
      <div className="conflict-part">
        <h4>{t('sync.conflicts.why')}</h4>
        <p>{whySentence(language, conflict)}</p>
      </div>
      <div className="conflict-part">
        <h4>{t('sync.conflicts.hqHad')}</h4>
        {conflict.theirs.length === 0 ? (
          <p>{t('sync.conflicts.hqHadNothing')}</p>
        ) : (
          <ul>
            {conflict.theirs.map((event) => (
              <li key={event.version}>
                {hadSentence(t, language, event, who(event.staffId, event.staffName))}{' '}
                <span className="conflict-meta">{t('sync.conflicts.at', { time: when(event.at), desk: where(event.deviceId) })}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {conflict.waiting.length > 0 ? <p>{t('sync.conflicts.waiting', { count: conflict.waiting.length })}</p> : null}
      {conflict.resolution ? (
        <p className="resolution">
          {conflict.status === 'dismissed'
            ? t('sync.conflicts.dismissed', { who: who(conflict.resolution.by, conflict.resolution.byName), time: when(conflict.resolution.at), reason: conflict.resolution.reason ?? '' })
            : t('sync.conflicts.retried', { who: who(conflict.resolution.by, conflict.resolution.byName), time: when(conflict.resolution.at) })}
        </p>
      ) : null}
      {conflict.status === 'open' && allowed ? (
        <div className="conflict-actions">
          <button type="button" onClick={() => setOpen('retry')}>
            {t('sync.conflicts.retry')}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen('dismiss')}>
            {t('sync.conflicts.dismiss')}
          </button>
        </div>
      ) : null}
      {conflict.status === 'open' && !allowed ? <p className="muted">{t('sync.conflicts.notAllowed')}</p> : null}
      {open === 'retry' ? <RetryDialog conflict={conflict} onClose={() => setOpen(null)} /> : null}
      {open === 'dismiss' ? <DismissDialog conflict={conflict} onClose={() => setOpen(null)} /> : null}
    </li>
  );
};

/** The patient a refused visit or patient record is about, as this desk has it (null until read, or when it cannot say). */
const usePatientOf = (entry: QuarantinedStream): string | null => {
  const read = useDesk((state) => state.read);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let shown = true;
    const ask = async (): Promise<string | null> => {
      if (entry.streamType === 'visit') {
        const visit = await read('visit.get', { visitId: entry.streamId });
        return visit.ok ? (visit.result.patient?.name ?? null) : null;
      }
      if (entry.streamType === 'patient') {
        const patient = await read('patients.get', { patientId: entry.streamId });
        return patient.ok ? patient.result.name : null;
      }
      return null;
    };
    void ask().then((found) => {
      if (shown) setName(found);
    });
    return () => {
      shown = false;
    };
  }, [read, entry.streamType, entry.streamId]);
  return name;
};

const QuarantinedItem = ({ entry, manager }: { entry: QuarantinedStream; manager: boolean }) => {
  const { t, i18n } = useTranslation();
  const patient = usePatientOf(entry);
  const language = languageOf(i18n);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const retryStream = useSync((state) => state.retryStream);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const reason = entry.reason === 'INVALID_ENVELOPE' || entry.reason === 'EVENT_ID_REUSED' || entry.reason === 'UNEXPLAINED_CONFLICT' ? entry.reason : 'other';
  const retry = async () => {
    setBusy(true);
    try {
      setRefusal(await retryStream(entry.streamId));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="quarantined" data-testid="quarantined">
      <p>
        <strong>
          {patient !== null && (entry.streamType === 'visit' || entry.streamType === 'patient')
            ? t(`sync.quarantine.streamOf.${entry.streamType}`, { patient })
            : t(`sync.quarantine.stream.${entry.streamType === 'visit' || entry.streamType === 'patient' || entry.streamType === 'staff' || entry.streamType === 'clinic' ? entry.streamType : 'other'}`)}
        </strong>{' '}
        <span className="conflict-meta">{t('sync.quarantine.since', { time: formatWhen(entry.since, timeZone, language) })}</span>
      </p>
      <p>{t(`sync.quarantine.reason.${reason}`)}</p>
      {entry.detail ? <p className="muted small">{t('sync.panel.detail', { message: entry.detail })}</p> : null}
      {manager ? (
        <div className="conflict-actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void retry()}>
            {t('sync.quarantine.retry')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('sync.quarantine.managerOnly')}</p>
      )}
      <Refusal error={refusal} />
    </li>
  );
};

export const ConflictsScreen = () => {
  const { t } = useTranslation();
  const conflicts = useSync((state) => state.conflicts);
  const error = useSync((state) => state.conflictsError);
  const status = useSync((state) => state.status);
  const load = useSync((state) => state.load);
  const role = useDesk((state) => state.status?.session?.role);
  useEffect(() => {
    void load();
  }, [load]);

  const open = conflicts?.filter((conflict) => conflict.status === 'open') ?? [];
  const resolved = conflicts?.filter((conflict) => conflict.status !== 'open') ?? [];
  const quarantined = status?.quarantined ?? [];
  const manager = role !== undefined && (ROLES.managers as readonly string[]).includes(role);

  return (
    <section className="sync-screen" aria-labelledby="conflicts-title">
      <div className="sync-head">
        <h1 id="conflicts-title">{t('sync.conflicts.title')}</h1>
        {/* The badge leads here while conflicts wait; its details stay one press away. */}
        <SyncDetailsButton />
      </div>
      <p className="lead">{t('sync.conflicts.lead')}</p>
      {status && (status.state === 'offline' || status.state === 'not-configured') ? <p className="notice">{t(`sync.conflicts.${status.state === 'offline' ? 'offline' : 'local'}`)}</p> : null}
      {error ? (
        <div className="refusal">
          <p>{t('sync.conflicts.loadFailed')}</p>
          <ErrorNotice error={error} />
          <button type="button" className="secondary" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      <section className="sync-section" aria-labelledby="conflicts-open">
        <h2 id="conflicts-open">{t('sync.conflicts.open')}</h2>
        {conflicts === null && !error ? <p className="muted">{t('common.loading')}</p> : null}
        {conflicts !== null && open.length === 0 ? <p className="sync-empty">{t('sync.conflicts.empty')}</p> : null}
        {open.length > 0 ? (
          <ul className="sync-list plain-list">
            {open.map((conflict) => (
              <ConflictCard key={conflict.conflictId} conflict={conflict} />
            ))}
          </ul>
        ) : null}
      </section>
      {quarantined.length > 0 ? (
        <section className="sync-section" aria-labelledby="quarantine-title">
          <h2 id="quarantine-title">{t('sync.quarantine.title')}</h2>
          <p className="lead">{t('sync.quarantine.lead')}</p>
          <ul className="sync-list plain-list">
            {quarantined.map((entry) => (
              <QuarantinedItem key={entry.streamId} entry={entry} manager={manager} />
            ))}
          </ul>
        </section>
      ) : null}
      {status && status.waitingForUpdate.length > 0 ? (
        <section className="sync-section" aria-labelledby="update-title">
          <h2 id="update-title">{t('sync.quarantine.waitingForUpdate')}</h2>
          <p>{t('sync.panel.waitingForUpdate', { count: status.waitingForUpdate.length })}</p>
        </section>
      ) : null}
      {resolved.length > 0 ? (
        <section className="sync-section" aria-labelledby="conflicts-resolved">
          <h2 id="conflicts-resolved">{t('sync.conflicts.resolved')}</h2>
          <ul className="sync-list plain-list">
            {resolved.map((conflict) => (
              <ConflictCard key={conflict.conflictId} conflict={conflict} />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
};
