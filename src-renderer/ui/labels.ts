/** What the desk shows in words. Korean first: the clinics' staff are the users. */
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import type { StaffRole } from '../../shared/clinic/values.js';

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  desk: '데스크',
  counselor: '상담실장',
  doctor: '의사',
  nurse: '간호사',
  manager: '관리자',
};

const ERROR_LABELS: Readonly<Record<string, string>> = {
  PIN_INCORRECT: 'PIN이 맞지 않습니다.',
  PIN_LOCKED: 'PIN을 5번 틀려 5분 동안 잠겼습니다. 잠시 후 다시 시도해 주세요.',
  NOT_SIGNED_IN: '로그인이 필요합니다.',
  FORBIDDEN: '권한이 없습니다.',
  VALIDATION: '입력한 내용을 확인해 주세요.',
  STAFF_DEACTIVATED: '비활성화된 직원입니다.',
  STAFF_NOT_FOUND: '직원을 찾을 수 없습니다.',
  HOST_UNREACHABLE: '데스크 프로그램에 연결할 수 없습니다.',
  HOST_ERROR: '데스크 프로그램이 응답하지 않습니다.',
};

/** The Korean sentence for a refusal, with the desk's own message kept for details. */
export const describeError = (error: RpcError): { readonly text: string; readonly detail: string } => ({
  text: ERROR_LABELS[error.code] ?? '요청을 처리하지 못했습니다.',
  detail: `${error.code}: ${error.message}`,
});
