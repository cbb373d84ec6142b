/**
 * Find or register the patient inline: a combobox over the desk's own patient search (names,
 * Korean initials ㄱㅁㅅ, the last four digits of a phone, chart numbers), and below it a short
 * form to register someone new without leaving the reservation.
 */
import { useEffect, useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import { maskPhone } from '../../i18n/format.js';
import { useDesk } from '../../state/use-desk.js';
import { Refusal } from '../Refusal.js';
import { TextField } from '../visit/fields.js';

const looksLikePhone = (text: string): boolean => /^[0-9 -]+$/.test(text.trim());

export const PatientFinder = ({ chosen, onChoose }: { chosen: PatientSummary | null; onChoose: (patient: PatientSummary | null) => void }) => {
  const { t } = useTranslation();
  const read = useDesk((state) => state.read);
  const act = useDesk((state) => state.act);
  const [query, setQuery] = useState('');
  // What was last typed: Esc empties the box, but "register a new patient" starts from it.
  const [typed, setTyped] = useState('');
  const [results, setResults] = useState<readonly PatientSummary[]>([]);
  const [registering, setRegistering] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setResults([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void read('patients.search', { q }).then((answer) => {
        if (current) setResults(answer.ok ? answer.result.items : []);
      });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, read]);

  const startRegistering = () => {
    const q = (query.trim() || typed).trim();
    setName(looksLikePhone(q) ? '' : q);
    setPhone(looksLikePhone(q) ? q : '');
    setRefusal(null);
    setRegistering(true);
  };

  const register = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const registered = await act('command.execute', {
        type: 'RegisterPatient',
        payload: { name: name.trim(), phone: phone.trim(), ...(birthDate ? { birthDate } : {}) },
      });
      if (!registered.ok) {
        setRefusal(registered.error);
        return;
      }
      const patient = await read('patients.get', { patientId: registered.result.streamId });
      if (!patient.ok) {
        setRefusal(patient.error);
        return;
      }
      setRegistering(false);
      onChoose(patient.result);
    } finally {
      setBusy(false);
    }
  };

  if (chosen) {
    return (
      <div className="chosen-patient">
        <span className="field-label">{t('reservation.patient')}</span>
        <p>
          <strong>{chosen.name}</strong> · {chosen.chartNumber} · {maskPhone(chosen.phone)}
        </p>
        <button type="button" className="quiet" onClick={() => onChoose(null)}>
          {t('reservation.change')}
        </button>
      </div>
    );
  }

  if (registering) {
    // A form of its own inside the dialog's form would be invalid HTML: a group with its own submit button.
    return (
      <div className="new-patient" role="group" aria-label={t('reservation.newPatient')}>
        <h3>{t('reservation.newPatient')}</h3>
        <TextField label={t('reservation.name')} value={name} onChange={setName} required maxLength={60} autoFocus />
        <label className="field">
          <span>{t('reservation.phone')}</span>
          <input type="tel" inputMode="tel" autoComplete="off" value={phone} maxLength={20} onChange={(event) => setPhone(event.target.value)} />
        </label>
        <label className="field">
          <span>
            {t('reservation.birthDate')} ({t('common.optional')})
          </span>
          <input type="date" value={birthDate} onChange={(event) => setBirthDate(event.target.value)} />
        </label>
        <Refusal error={refusal} />
        <div className="form-actions">
          <button type="button" className="quiet" onClick={() => setRegistering(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" disabled={busy || name.trim() === '' || phone.trim() === ''} onClick={() => void register()}>
            {t('reservation.registerSubmit')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="patient-finder">
      <ComboBox
        className="field combo"
        items={results}
        inputValue={query}
        onInputChange={(text) => {
          setQuery(text);
          if (text.trim() !== '') setTyped(text);
        }}
        defaultFilter={() => true}
        menuTrigger="input"
        allowsEmptyCollection
        onSelectionChange={(key) => {
          const patient = results.find((each) => each.patientId === key);
          if (patient) onChoose(patient);
        }}
      >
        <Label>{t('reservation.patient')}</Label>
        <Input autoFocus placeholder={t('reservation.patientHint')} />
        <Text slot="description" className="muted small">
          {t('reservation.patientHint')}
        </Text>
        <Popover className="combo-popover" placement="bottom start">
          <ListBox className="combo-list" renderEmptyState={() => <p className="muted empty-option">{t('reservation.noMatch')}</p>}>
            {(patient: PatientSummary) => (
              <ListBoxItem id={patient.patientId} className="combo-option" textValue={patient.name}>
                <strong>{patient.name}</strong> <span className="muted">{patient.chartNumber}</span> <span className="muted">{maskPhone(patient.phone)}</span>
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <button type="button" className="quiet" onClick={startRegistering}>
        + {t('reservation.registerNew')}
      </button>
    </div>
  );
};
