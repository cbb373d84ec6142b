/** What the desk shows in words. Korean first: the clinics' staff are the users. */
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import type { StaffRole } from '../../shared/clinic/values.js';
import { ERROR_LABELS, type Language } from './error-labels.js';

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  desk: '데스크',
  counselor: '상담실장',
  doctor: '의사',
  nurse: '간호사',
  manager: '관리자',
};

/** The sentence for a refusal (Korean unless asked), with the desk's own message kept for details. */
export const describeError = (error: RpcError, language: Language = 'ko'): { readonly text: string; readonly detail: string } => ({
  text: ERROR_LABELS[language][error.code],
  detail: `${error.code}: ${error.message}`,
});
