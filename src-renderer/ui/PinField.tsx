/** A PIN input: 4–8 digits, masked, with the numeric keypad on touch screens. */
export const PinField = ({ label, value, onChange, autoFocus }: { label: string; value: string; onChange: (pin: string) => void; autoFocus?: boolean }) => (
  <label className="field">
    <span>{label}</span>
    <input
      type="password"
      inputMode="numeric"
      autoComplete="off"
      pattern="[0-9]{4,8}"
      minLength={4}
      maxLength={8}
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/[^0-9]/g, ''))}
    />
  </label>
);
