/** Small form fields the drawer and the reservation dialog share: labelled, one job each. */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../shared/clinic/values.js';
import type { StaffSummary } from '../../../shared/contract/desk-views.js';

export const TextField = ({ label, value, onChange, required, multiline, maxLength = 200, autoFocus }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  multiline?: boolean;
  maxLength?: number;
  autoFocus?: boolean;
}) => (
  <label className="field">
    <span>{label}</span>
    {multiline ? (
      <textarea value={value} maxLength={maxLength} required={required} autoFocus={autoFocus} rows={3} onChange={(event) => onChange(event.target.value)} />
    ) : (
      <input type="text" value={value} maxLength={maxLength} required={required} autoFocus={autoFocus} autoComplete="off" onChange={(event) => onChange(event.target.value)} />
    )}
  </label>
);

/** Whole won: digits only, shown with separators; '' while empty. */
export const MoneyField = ({ label, value, onChange, autoFocus }: { label: string; value: string; onChange: (value: string) => void; autoFocus?: boolean }) => (
  <label className="field money-field">
    <span>{label}</span>
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      autoFocus={autoFocus}
      value={value === '' ? '' : Number(value).toLocaleString('en-US')}
      onChange={(event) => onChange(event.target.value.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '').slice(0, 10))}
    />
  </label>
);

export const wonOf = (value: string): number => (value === '' ? 0 : Number(value));

export const Choice = <V extends string>({ label, value, options, onChange }: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) => {
  // The label sits beside the select: wrapped around it, its text would include every option's.
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as V)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
};

/** A staff member of the given roles; `none` adds an empty choice. */
export const StaffChoice = ({ label, staff, roles, value, onChange, none }: {
  label: string;
  staff: readonly StaffSummary[];
  roles: readonly StaffRole[];
  value: string;
  onChange: (staffId: string) => void;
  none?: string;
}) => {
  const { t } = useTranslation();
  const options = staff
    .filter((member) => member.active && roles.includes(member.role))
    .map((member) => ({ value: member.staffId, label: `${member.name} · ${t(`role.${member.role}`)}` }));
  return <Choice label={label} value={value} options={none === undefined ? options : [{ value: '', label: none }, ...options]} onChange={onChange} />;
};

export const RadioRow = <V extends string>({ legend, value, options, onChange }: {
  legend: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) => {
  const name = useId();
  return (
    <fieldset className="radio-row">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'chip chosen' : 'chip'}>
          <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
};

export const FormRow = ({ children }: { children: ReactNode }) => <div className="form-row">{children}</div>;
