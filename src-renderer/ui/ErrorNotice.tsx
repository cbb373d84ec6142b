import type { RpcError } from '../../shared/contract/desk-rpc.js';
import { describeError } from './labels.js';

export const ErrorNotice = ({ error }: { readonly error: RpcError }) => {
  const { text, detail } = describeError(error);
  return (
    <p className="error" role="alert" title={detail}>
      {text}
    </p>
  );
};
