import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import { languageOf } from '../i18n/catalog.js';
import { describeError } from '../i18n/describe-error.js';

export const ErrorNotice = ({ error }: { readonly error: RpcError }) => {
  const { i18n } = useTranslation();
  const { text, detail } = describeError(error, languageOf(i18n));
  return (
    <p className="error" role="alert" title={detail}>
      {text}
    </p>
  );
};
