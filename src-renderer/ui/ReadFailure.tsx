/** A read a screen could not make: the sentence why, and a retry beside it. */
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import { Refusal } from './Refusal.js';

export const ReadFailure = ({ error, onRetry }: { readonly error: RpcError | null; readonly onRetry: () => void }) => {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="screen-error">
      <Refusal error={error} />
      <button type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
};
