import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import { Refusal } from './Refusal.js';

/**
 * The end of a form (a dialog's, an action's, a settings form's): why it cannot be sent yet, the
 * desk's refusal, then cancel (where there is a way back) and the submit button. One footer, so
 * every form says its problems in the same place and order.
 */
export const FormButtons = ({ submit, disabled, onCancel, invalid = null, refusal = null, secondary = false }: {
  submit: string;
  disabled: boolean;
  onCancel?: () => void;
  /** What the person must fix before sending, in a sentence. */
  invalid?: string | null;
  refusal?: RpcError | null;
  /** The submit button is not the screen's primary action. */
  secondary?: boolean;
}) => {
  const { t } = useTranslation();
  return (
    <>
      {invalid ? (
        <p className="error" role="alert">
          {invalid}
        </p>
      ) : null}
      <Refusal error={refusal} />
      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
        <button type="submit" className={secondary ? 'secondary' : undefined} disabled={disabled}>
          {submit}
        </button>
      </div>
    </>
  );
};
