/**
 * A broken rule. Deciders throw it; the edges (IPC, browser host, HQ) turn it into
 * `{ ok: false, error: { code, message } }`. The code is stable and machine-readable; the
 * message is for people.
 */
export class DomainError<Code extends string = string> extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: Code,
    message: string,
    readonly detail?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** Codes the kernel itself raises, whatever the domain. */
export const KernelErrorCode = {
  COMMAND_ID_REUSED: 'COMMAND_ID_REUSED',
  STREAM_NEEDS_UPGRADE: 'STREAM_NEEDS_UPGRADE',
  UNKNOWN_COMMAND: 'UNKNOWN_COMMAND',
  STREAM_ID_REQUIRED: 'STREAM_ID_REQUIRED',
  STREAM_TYPE_MISMATCH: 'STREAM_TYPE_MISMATCH',
  NOT_FOUND: 'NOT_FOUND',
  CONCURRENCY_RETRIES_EXHAUSTED: 'CONCURRENCY_RETRIES_EXHAUSTED',
  COMMAND_IN_CONFLICT: 'COMMAND_IN_CONFLICT',
  /** The stream is being rebased onto HQ's history; its set-aside commands re-run first. */
  STREAM_SYNCING: 'STREAM_SYNCING',
  CONFLICT_NOT_FOUND: 'CONFLICT_NOT_FOUND',
  CONFLICT_ALREADY_RESOLVED: 'CONFLICT_ALREADY_RESOLVED',
} as const;
export type KernelErrorCode = (typeof KernelErrorCode)[keyof typeof KernelErrorCode];

export const isDomainError = (error: unknown): error is DomainError =>
  error instanceof DomainError;
