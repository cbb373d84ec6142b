/**
 * Two records that look like one patient (same name and phone): both shown, the older one marked
 * as the record that survives a merge, and for a manager the merge itself behind a confirmation
 * that says what happens. MergePatients goes to the newer record and names the survivor.
 */
import { useEffect, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PatientSummary, Warning } from '../../../shared/contract/desk-views.js';
import { maskPhone } from '../../i18n/format.js';
import { useCommand } from '../../state/use-command.js';
import { useDesk } from '../../state/use-desk.js';
import { Refusal } from '../Refusal.js';

type Duplicate = Extract<Warning, { kind: 'duplicate-patient' }>;

export const DuplicatePair = ({ warning, mayMerge, onOpen, onMerged }: {
  warning: Duplicate;
  mayMerge: boolean;
  onOpen: (patientId: string) => void;
  onMerged: (survivor: string) => void;
}) => {
  const { t } = useTranslation();
  const read = useDesk((state) => state.read);
  const { run, refusal, busy, clear } = useCommand();
  const [records, setRecords] = useState<ReadonlyMap<string, PatientSummary & { visits: number }>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const survivor = warning.survivor;
  const merged = warning.patientIds.find((id) => id !== survivor) ?? warning.patientIds[1];

  useEffect(() => {
    let current = true;
    void Promise.all(warning.patientIds.map((patientId) => read('patients.get', { patientId }))).then((answers) => {
      if (!current) return;
      const found = new Map<string, PatientSummary & { visits: number }>();
      for (const answer of answers) if (answer.ok) found.set(answer.result.patientId, { ...answer.result, visits: answer.result.visits.length });
      setRecords(found);
    });
    return () => {
      current = false;
    };
  }, [warning.patientIds, read]);

  const label = (patientId: string) => records.get(patientId)?.chartNumber ?? patientId.slice(0, 8);
  const merge = async () => {
    const done = await run({ type: 'MergePatients', streamId: merged, payload: { into: survivor } });
    if (done) {
      setConfirming(false);
      onMerged(survivor);
    }
  };

  const RecordLine = ({ patientId, survives }: { patientId: string; survives: boolean }) => {
    const record = records.get(patientId);
    return (
      <div className={survives ? 'dup-record survivor' : 'dup-record'}>
        <span className={survives ? 'dup-tag survives' : 'dup-tag'}>{survives ? t('patients.survives') : t('patients.mergedAway')}</span>
        <button type="button" className="link" onClick={() => onOpen(patientId)}>
          {warning.name} · {label(patientId)}
        </button>
        <span className="muted small">
          {maskPhone(warning.phone)}
          {record ? ` · ${t('patients.visits', { count: record.visits })}` : ''}
        </span>
      </div>
    );
  };

  return (
    <li className="duplicate">
      <RecordLine patientId={survivor} survives />
      <RecordLine patientId={merged} survives={false} />
      {mayMerge ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            clear();
            setConfirming(true);
          }}
        >
          {t('patients.merge')}
        </button>
      ) : null}
      {confirming ? (
        <ModalOverlay isOpen onOpenChange={(open) => (open ? undefined : setConfirming(false))} isDismissable className="overlay">
          <Modal className="modal">
            <Dialog className="dialog" aria-labelledby="merge-title">
              <Heading slot="title" id="merge-title">
                {t('patients.mergeTitle')}
              </Heading>
              <p>{t('patients.mergeSentence', { merged: label(merged), survivor: label(survivor), name: warning.name })}</p>
              <p className="muted">{t('patients.mergeFinal', { merged: label(merged) })}</p>
              <Refusal error={refusal} />
              <div className="dialog-actions">
                <button type="button" className="quiet" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
                <button type="button" disabled={busy} onClick={() => void merge()}>
                  {t('patients.mergeConfirm', { survivor: label(survivor) })}
                </button>
              </div>
            </Dialog>
          </Modal>
        </ModalOverlay>
      ) : null}
    </li>
  );
};
