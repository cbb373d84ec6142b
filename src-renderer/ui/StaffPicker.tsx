import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../shared/contract/desk-views.js';

/** The active staff as large radio cards: who is about to sign in. */
export const StaffPicker = ({ staff, chosen, onChoose, name = 'staff' }: { staff: readonly StaffSummary[]; chosen: string | null; onChoose: (staffId: string) => void; name?: string }) => {
  const { t } = useTranslation();
  return (
    <fieldset className="staff-picker">
      <legend>{t('signIn.pickStaff')}</legend>
      {staff
        .filter((member) => member.active)
        .map((member) => (
          <label key={member.staffId} className={member.staffId === chosen ? 'staff chosen' : 'staff'}>
            <input type="radio" name={name} value={member.staffId} checked={member.staffId === chosen} onChange={() => onChoose(member.staffId)} />
            <span className="staff-name">{member.name}</span>
            <span className="role">{t(`role.${member.role}`)}</span>
          </label>
        ))}
    </fieldset>
  );
};
