/**
 * Patients (issue 13, item 4): find a patient as the desk types (names, initials, last four
 * digits, chart numbers), their page with contact details and every visit with its stage and
 * balance (a visit opens in the drawer), and the likely duplicates (`warnings.list`) with a merge
 * for managers that says which record survives (the older one, as the desk decides).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayIssue } from '../../../shared/clinic/permissions.js';
import type { StaffRole } from '../../../shared/clinic/values.js';
import { METHOD_ACCESS, type RpcError } from '../../../shared/contract/desk-rpc.js';
import type { PatientDetail, PatientSummary, Warning } from '../../../shared/contract/desk-views.js';
import { languageOf } from '../../i18n/catalog.js';
import { clinicDayOf, formatDay, formatMoney, formatPhone, formatTime, maskPhone } from '../../i18n/format.js';
import { useBoard, useDesk } from '../../state/use-desk.js';
import { usePatientSearch } from '../../state/use-patient-search.js';
import { useNavigation } from '../frame/navigation.js';
import '../audit/audit.css';
import { ReadFailure } from '../ReadFailure.js';
import { VisitDrawer } from '../visit/VisitDrawer.js';
import { ContactEditor } from './ContactEditor.js';
import { DuplicatePair } from './DuplicatePair.js';
import './patients.css';

type Duplicate = Extract<Warning, { kind: 'duplicate-patient' }>;

const PatientPage = ({ patientId, onOpenPatient }: { patientId: string; onOpenPatient: (patientId: string) => void }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const read = useDesk((state) => state.read);
  const timeZone = useDesk((state) => state.status?.clinic?.timeZone ?? 'Asia/Seoul');
  const openVisit = useBoard((state) => state.openVisit);
  const { open } = useNavigation();
  const role = useDesk((state) => state.status?.session?.role ?? 'desk');
  // The visit drawer's changes re-read the board; the page follows the same notices.
  const boardShown = useBoard((state) => state.board);
  const [patient, setPatient] = useState<PatientDetail | null>(null);
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [phoneShown, setPhoneShown] = useState(false);
  const [editing, setEditing] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void read('patients.get', { patientId }).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setPatient(answer.result);
        setRefusal(null);
      } else setRefusal(answer.error);
    });
    return () => {
      current = false;
    };
  }, [patientId, read, attempt, boardShown]);

  if (refusal && !patient) {
    return (
      <section className="patient-page" aria-label={t('patients.page')}>
        <p>{t('patients.loadFailed')}</p>
        <ReadFailure error={refusal} onRetry={() => setAttempt(attempt + 1)} />
      </section>
    );
  }
  if (!patient || patient.patientId !== patientId) return <p className="muted">{t('common.loading')}</p>;
  const owed = patient.visits.reduce((sum, visit) => sum + Math.max(0, visit.balance), 0);
  return (
    <section className="patient-page" aria-labelledby="patient-name">
      <div className="patient-head">
        <h2 id="patient-name">{patient.name}</h2>
        <span className="muted">{t('drawer.chart', { chart: patient.chartNumber })}</span>
        {(METHOD_ACCESS['audit.query'].roles as readonly StaffRole[]).includes(role) ? (
          <button type="button" className="quiet patient-audit" onClick={() => open('audit', patient)}>
            {t('patients.audit')}
          </button>
        ) : null}
      </div>
      {patient.mergedInto ? (
        <p className="notice">
          {t('patients.mergedInto')}{' '}
          <button type="button" className="link" onClick={() => onOpenPatient(patient.mergedInto as string)}>
            {t('patients.openSurvivor')}
          </button>
        </p>
      ) : null}
      {editing ? (
        <ContactEditor
          patient={patient}
          onDone={(changed) => {
            setEditing(false);
            if (changed) setAttempt(attempt + 1);
          }}
        />
      ) : mayIssue(role, 'UpdatePatientContact') && !patient.mergedInto ? (
        <button type="button" className="quiet" onClick={() => setEditing(true)}>
          {t('patients.editContact')}
        </button>
      ) : null}
      <dl className="facts patient-facts">
        <div>
          <dt>{t('reservation.phone')}</dt>
          <dd>
            <span data-testid="patient-phone">{phoneShown ? formatPhone(patient.phone) : maskPhone(patient.phone)}</span>{' '}
            <button type="button" className="link" onClick={() => setPhoneShown(!phoneShown)}>
              {phoneShown ? t('drawer.hidePhone') : t('drawer.showPhone')}
            </button>
          </dd>
        </div>
        <div>
          <dt>{t('reservation.birthDate')}</dt>
          <dd>{patient.birthDate ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('patients.visitCount')}</dt>
          <dd>{t('patients.visits', { count: patient.visits.length })}</dd>
        </div>
        <div>
          <dt>{t('patients.owed')}</dt>
          <dd className="money">{formatMoney(owed, language)}</dd>
        </div>
        {patient.merged.length > 0 ? (
          <div>
            <dt>{t('patients.mergedRecords')}</dt>
            <dd>{t('patients.mergedCount', { count: patient.merged.length })}</dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('patients.visitList')}</h3>
      {patient.visits.length === 0 ? (
        <p className="empty-state">{t('patients.noVisits')}</p>
      ) : (
        <table className="patient-visits">
          <thead>
            <tr>
              <th scope="col">{t('patients.when')}</th>
              <th scope="col">{t('drawer.doctor')}</th>
              <th scope="col">{t('drawer.purpose')}</th>
              <th scope="col">{t('drawer.status')}</th>
              <th scope="col" className="num">
                {t('drawer.balance')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('patients.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {patient.visits.map((visit) => {
              const at = visit.startAt ?? visit.checkedInAt;
              return (
                <tr key={visit.visitId}>
                  <td>{at ? `${formatDay(clinicDayOf(at, timeZone), language)} ${formatTime(at, timeZone, language)}` : '—'}</td>
                  <td>{visit.doctorName ?? t('card.noDoctor')}</td>
                  <td>{visit.purpose ?? '—'}</td>
                  <td>
                    <span className={`status-chip stage-${visit.stage}`}>{t(`stage.${visit.stage}`)}</span>
                  </td>
                  <td className="num money">{formatMoney(visit.balance, language)}</td>
                  <td>
                    <button type="button" className="quiet" onClick={() => void openVisit(visit.visitId)}>
                      {t('patients.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
};

export const PatientsScreen = () => {
  const { t } = useTranslation();
  const read = useDesk((state) => state.read);
  const role = useDesk((state) => state.status?.session?.role ?? 'desk');
  const boardShown = useBoard((state) => state.board);
  const [query, setQuery] = useState('');
  const results = usePatientSearch(query);
  const opened = useNavigation();
  const [chosen, setChosen] = useState<string | null>(opened.patient?.patientId ?? null);
  const [duplicates, setDuplicates] = useState<readonly Duplicate[]>([]);
  const [duplicatesError, setDuplicatesError] = useState<RpcError | null>(null);
  const [attempt, setAttempt] = useState(0);

  const loadDuplicates = useCallback(async () => {
    const answer = await read('warnings.list', {});
    if (answer.ok) {
      setDuplicates(answer.result.items.filter((warning): warning is Duplicate => warning.kind === 'duplicate-patient'));
      setDuplicatesError(null);
    } else setDuplicatesError(answer.error);
  }, [read]);

  useEffect(() => {
    void loadDuplicates();
  }, [loadDuplicates, attempt, boardShown]);

  const mayMerge = mayIssue(role, 'MergePatients');

  return (
    <section className="patients-screen" aria-labelledby="patients-title">
      <div className="screen-bar">
        <h1 id="patients-title">{t('patients.title')}</h1>
      </div>
      <div className="patients-layout">
        <div className="patients-side">
          <label className="field">
            <span>{t('patients.search')}</span>
            <input type="search" value={query} placeholder={t('reservation.patientHint')} autoComplete="off" onChange={(event) => setQuery(event.target.value)} />
          </label>
          {results === null ? (
            <p className="muted">{t('patients.searchHint')}</p>
          ) : results.length === 0 ? (
            <p className="empty-state">{t('patients.noMatch')}</p>
          ) : (
            <ul className="patient-results plain-list" aria-label={t('patients.results', { count: results.length })}>
              {results.map((patient: PatientSummary) => (
                <li key={patient.patientId}>
                  <button type="button" className="patient-result" aria-current={chosen === patient.patientId ? 'true' : undefined} onClick={() => setChosen(patient.patientId)}>
                    <strong>{patient.name}</strong>
                    <span className="muted">
                      {patient.chartNumber} · {maskPhone(patient.phone)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <section className="duplicates" aria-labelledby="duplicates-title">
            <h2 id="duplicates-title">
              {t('patients.duplicates')} <span className="count">{duplicates.length}</span>
            </h2>
            {duplicatesError ? (
              <ReadFailure error={duplicatesError} onRetry={() => setAttempt(attempt + 1)} />
            ) : duplicates.length === 0 ? (
              <p className="muted">{t('patients.noDuplicates')}</p>
            ) : (
              <>
                {mayMerge ? null : <p className="muted small">{t('patients.managersMerge')}</p>}
                <ul className="duplicate-list plain-list">
                  {duplicates.map((warning) => (
                    <DuplicatePair key={warning.patientIds.join()} warning={warning} mayMerge={mayMerge} onOpen={setChosen} onMerged={(survivor) => {
                      setChosen(survivor);
                      void loadDuplicates();
                    }} />
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
        <div className="patients-main">
          {chosen ? <PatientPage patientId={chosen} onOpenPatient={setChosen} /> : <p className="empty-state">{t('patients.pickOne')}</p>}
        </div>
      </div>
      <VisitDrawer />
    </section>
  );
};
