/**
 * Changing a patient's name or phone from their page (UpdatePatientContact): only what was
 * changed is sent; a refusal (nothing changed, a number that is not one) is said beside it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import { useCommand } from '../../state/use-command.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../visit/fields.js';

export const ContactEditor = ({ patient, onDone }: { patient: PatientSummary; onDone: (changed: boolean) => void }) => {
  const { t } = useTranslation();
  const { run, refusal, busy } = useCommand();
  const [name, setName] = useState(patient.name);
  const [phone, setPhone] = useState(patient.phone);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = {
      ...(name.trim() !== patient.name ? { name: name.trim() } : {}),
      ...(phone.trim() !== patient.phone ? { phone: phone.trim() } : {}),
    };
    const done = await run({ type: 'UpdatePatientContact', streamId: patient.patientId, payload });
    if (done) onDone(true);
  };

  return (
    <form className="contact-editor" aria-label={t('patients.editContact')} onSubmit={(event) => void submit(event)}>
      <TextField label={t('reservation.name')} value={name} onChange={setName} required maxLength={60} autoFocus />
      <label className="field">
        <span>{t('reservation.phone')}</span>
        <input type="tel" inputMode="tel" autoComplete="off" required value={phone} maxLength={20} onChange={(event) => setPhone(event.target.value)} />
      </label>
      <FormButtons submit={t('common.save')} disabled={busy || name.trim() === '' || phone.trim() === ''} onCancel={() => onDone(false)} refusal={refusal} />
    </form>
  );
};
