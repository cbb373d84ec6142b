import { useTranslation } from 'react-i18next';

/** Cancel and the form's submit button, at the end of a dialog or an action's form. */
export const FormButtons = ({ submit, disabled, onCancel }: { submit: string; disabled: boolean; onCancel: () => void }) => {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="quiet" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" disabled={disabled}>
        {submit}
      </button>
    </div>
  );
};
