import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../state/use-desk.js';
import { ErrorNotice } from './ErrorNotice.js';
import { PinField } from './PinField.js';

/** The clinic has no staff yet: the first person registers as its manager. */
export const FirstManagerSetup = () => {
  const { t } = useTranslation();
  const busy = useDesk((state) => state.busy);
  const error = useDesk((state) => state.error);
  const setUp = useDesk((state) => state.setUpFirstManager);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again.length > 0 && pin !== again;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pin !== again) return;
    void setUp(name.trim(), pin);
  };

  return (
    <form className="panel" onSubmit={submit} aria-label={t('firstManager.title')}>
      <h1>{t('firstManager.title')}</h1>
      <p className="muted">{t('firstManager.lead')}</p>
      <label className="field">
        <span>{t('firstManager.name')}</span>
        <input type="text" autoComplete="off" maxLength={60} required value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <PinField label={t('firstManager.pin')} value={pin} onChange={setPin} />
      <PinField label={t('firstManager.pinAgain')} value={again} onChange={setAgain} />
      {mismatch ? (
        <p className="error" role="alert">
          {t('firstManager.mismatch')}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" disabled={busy || mismatch}>
        {t('firstManager.submit')}
      </button>
    </form>
  );
};
