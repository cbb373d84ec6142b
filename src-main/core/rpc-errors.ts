import { z } from 'zod';
import type { RpcError } from '../../shared/contract/desk-rpc.js';
import { isDeskErrorCode, type DeskErrorCode } from '../../shared/contract/error-codes.js';
import { describeIssues } from '../../shared/contract/zod-issues.js';
import { DomainError, isDomainError } from '../../shared/eventsourcing/index.js';

const MAX_MESSAGE = 500;

/**
 * What DeskCore throws to refuse a call. The code is one of the desk's codes (shared/contract/
 * error-codes.ts), so an undeclared code fails to compile; lint keeps `new DomainError` out of
 * src-main so that every refusal goes through here.
 */
export const deskError = (code: DeskErrorCode, message: string): DomainError<DeskErrorCode> => new DomainError(code, message);

/**
 * Every failure becomes the contract's error envelope: a DomainError keeps its code, a zod error
 * is VALIDATION, anything else is INTERNAL with a message that promises nothing was changed
 * (true: every write is one transaction) and the detail goes to the log. A DomainError whose code
 * the desk does not declare (a bug in a domain below) is INTERNAL too.
 */
export const rpcErrorOf = (error: unknown, log: (message: string, error: unknown) => void): RpcError => {
  if (isDomainError(error) && isDeskErrorCode(error.code)) return { code: error.code, message: error.message.slice(0, MAX_MESSAGE) };
  if (error instanceof z.ZodError) return { code: 'VALIDATION', message: describeIssues(error.issues) };
  log('desk: internal error', error);
  return { code: 'INTERNAL', message: 'Something went wrong on this desk; nothing was changed. Details are in the log.' };
};
