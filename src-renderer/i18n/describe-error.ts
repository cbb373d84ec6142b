import type { RpcError } from '../../shared/contract/desk-rpc.js';
import { CATALOGS, type Language } from './catalog.js';

/** The sentence for a refusal (Korean unless asked), with the desk's own message kept for details. */
export const describeError = (error: RpcError, language: Language = 'ko'): { readonly text: string; readonly detail: string } => ({
  text: CATALOGS[language].errors[error.code],
  detail: `${error.code}: ${error.message}`,
});
