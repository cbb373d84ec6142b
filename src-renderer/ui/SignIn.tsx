import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../state/use-desk.js';
import { ErrorNotice } from './ErrorNotice.js';
import { PinField } from './PinField.js';
import { StaffPicker } from './StaffPicker.js';
import { LoadingHistory } from './sync/LoadingHistory.js';

/** Staff picker and PIN; says in plain words why the last person was signed out, and whether the desk is still loading the clinic's history. */
export const SignIn = () => {
  const { t } = useTranslation();
  const staff = useDesk((state) => state.staff);
  const busy = useDesk((state) => state.busy);
  const error = useDesk((state) => state.error);
  const signIn = useDesk((state) => state.signIn);
  const because = useDesk((state) => state.signedOutBecause);
  // A new desk still loading the clinic's history: said before sign-in, as every screen says it after.
  const loading = useDesk((state) => state.status?.loading ?? null);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [pin, setPin] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!staffId) return;
    const signedIn = await signIn(staffId, pin);
    if (!signedIn) setPin('');
  };

  return (
    <form className="panel" onSubmit={(event) => void submit(event)} aria-label={t('signIn.title')}>
      <h1>{t('signIn.title')}</h1>
      <LoadingHistory loading={loading} />
      {because ? (
        <p className="notice" role="status">
          {because.kind === 'idle' ? t('signIn.idle', { minutes: because.minutes }) : t('signIn.elsewhere')}
        </p>
      ) : null}
      <StaffPicker staff={staff} chosen={staffId} onChoose={setStaffId} />
      <PinField label={t('signIn.pin')} value={pin} onChange={setPin} />
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" disabled={busy || !staffId}>
        {t('signIn.submit')}
      </button>
    </form>
  );
};
