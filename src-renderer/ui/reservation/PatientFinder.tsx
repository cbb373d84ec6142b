/**
 * Find or register the patient inline: a combobox over the desk's own patient search (names,
 * Korean initials ㄱㅁㅅ, the last four digits of a phone, chart numbers), and below it a short
 * form to register someone new without leaving the reservation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import type { RpcError } from '../../../shared/contract/desk-rpc.js';
import { maskPhone } from '../../i18n/format.js';
import { useDesk } from '../../state/use-desk.js';
import { Refusal } from '../Refusal.js';
import { PatientCombo } from '../patients/PatientCombo.js';
import { TextField } from '../visit/fields.js';

const looksLikePhone = (text: string): boolean => /^[0-9 -]+$/.test(text.trim());

export const PatientFinder = ({ chosen, onChoose }: { chosen: PatientSummary | null; onChoose: (patient: PatientSummary | null) => void }) => {
  const { t } = useTranslation();
  const read = useDesk((state) => state.read);
  const act = useDesk((state) => state.act);
  // What was last typed: Esc empties the box, but "register a new patient" starts from it.
  const [typed, setTyped] = useState('');
  const [registering, setRegistering] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [refusal, setRefusal] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const startRegistering = () => {
    const q = typed.trim();
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
      <PatientCombo label={t('reservation.patient')} onChoose={onChoose} onTyped={setTyped} autoFocus />
      <button type="button" className="quiet" onClick={startRegistering}>
        + {t('reservation.registerNew')}
      </button>
    </div>
  );
};
