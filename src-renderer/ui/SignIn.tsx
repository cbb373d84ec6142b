import { useState, type FormEvent } from 'react';
import { useDesk } from '../state/use-desk.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ROLE_LABELS } from './labels.js';
import { PinField } from './PinField.js';

/** Staff picker and PIN. */
export const SignIn = () => {
  const staff = useDesk((state) => state.staff);
  const busy = useDesk((state) => state.busy);
  const error = useDesk((state) => state.error);
  const signIn = useDesk((state) => state.signIn);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const active = staff.filter((member) => member.active);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!staffId) return;
    const signedIn = await signIn(staffId, pin);
    if (!signedIn) setPin('');
  };

  return (
    <form className="panel" onSubmit={(event) => void submit(event)} aria-label="로그인">
      <h1>로그인</h1>
      <fieldset className="staff-picker">
        <legend>직원 선택</legend>
        {active.map((member) => (
          <label key={member.staffId} className={member.staffId === staffId ? 'staff chosen' : 'staff'}>
            <input
              type="radio"
              name="staff"
              value={member.staffId}
              checked={member.staffId === staffId}
              onChange={() => setStaffId(member.staffId)}
            />
            <span className="staff-name">{member.name}</span>
            <span className="role">{ROLE_LABELS[member.role]}</span>
          </label>
        ))}
      </fieldset>
      <PinField label="PIN" value={pin} onChange={setPin} />
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" disabled={busy || !staffId}>
        로그인
      </button>
    </form>
  );
};
