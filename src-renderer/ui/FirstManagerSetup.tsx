import { useState, type FormEvent } from 'react';
import { useDesk } from '../state/use-desk.js';
import { ErrorNotice } from './ErrorNotice.js';
import { PinField } from './PinField.js';

/** The clinic has no staff yet: the first person registers as its manager. */
export const FirstManagerSetup = () => {
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
    <form className="panel" onSubmit={submit} aria-label="첫 관리자 등록">
      <h1>첫 관리자 등록</h1>
      <p className="muted">이 병원에는 아직 직원이 없습니다. 먼저 관리자를 등록하세요. 다른 직원은 관리자가 추가합니다.</p>
      <label className="field">
        <span>이름</span>
        <input type="text" autoComplete="off" maxLength={60} required value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <PinField label="PIN (숫자 4–8자리)" value={pin} onChange={setPin} />
      <PinField label="PIN 확인" value={again} onChange={setAgain} />
      {mismatch ? (
        <p className="error" role="alert">
          PIN이 서로 다릅니다.
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" disabled={busy || mismatch}>
        관리자 등록
      </button>
    </form>
  );
};
