import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import type { DeskErrorCode } from '../../shared/contract/error-codes.js';
import { languageOf } from '../i18n/catalog.js';
import { describeError } from '../i18n/describe-error.js';
import { useDesk } from '../state/use-desk.js';

/** Refusals that mean "the person on screen is not the one signed in": they offer to sign in again. */
const SIGN_IN_AGAIN: ReadonlySet<DeskErrorCode> = new Set(['NOT_SIGNED_IN']);

/** A refusal as a sentence in the current language, shown next to the action that caused it. */
export const Refusal = ({ error }: { readonly error: RpcError | null }) => {
  const { t, i18n } = useTranslation();
  const openSwitch = useDesk((state) => state.openSwitch);
  if (!error) return null;
  const { text, detail } = describeError(error, languageOf(i18n));
  return (
    <div className="refusal">
      <p role="alert" title={detail} tabIndex={-1}>
        {text}
      </p>
      {SIGN_IN_AGAIN.has(error.code) ? (
        <button type="button" className="quiet" onClick={openSwitch}>
          {t('common.signInAgain')}
        </button>
      ) : null}
    </div>
  );
};
