/**
 * How many events the next push may carry, or the next pulled page may hold, learnt from how the
 * transfers before it went. One rule for both directions (a slow uplink shrinks pushes, a slow
 * downlink pages); each direction keeps its own size. Pure: the worker reports each transfer's
 * outcome and asks for the limit.
 *
 * Two caps, the smaller one holds:
 *   body cap — a 413: the body is over a limit on the way (HQ's, or a reverse proxy's that health
 *              does not show). It halves and stays: growing it back would meet the same 413 again.
 *              Only pushes meet it (a pull's request has no body).
 *   soft cap — a timeout: the link is too slow for a transfer this big to arrive within the request
 *              timeout (or HQ stalled a moment). It halves, and grows back (doubles) after a
 *              transfer that answered fast enough for twice its size to arrive in time too, so a
 *              brief stall does not shrink transfers for good, and a slow link does not go through
 *              a timeout every other one. Once it reaches the most allowed it is forgotten.
 * Neither goes below 1: one command for a push (a command is never split, push-batch.ts), one
 * event for a page. A transfer that cannot get smaller and times out waits longer on its next try
 * instead (`patience`, doubled each time up to MAX_PATIENCE times the request timeout), and the
 * wait shrinks back as transfers answer well within the plain timeout: a link too slow for one
 * command (or one event) in 15 s still carries it, where halving alone would retry it forever.
 */

export interface TransferSize {
  /** Learnt from 413; Infinity until then. */
  readonly bodyCap: number;
  /** Learnt from timeouts; Infinity when none holds. */
  readonly softCap: number;
  /** How many request timeouts a transfer may take: 1, or more after one that could not get smaller timed out. */
  readonly patience: number;
}

export const UNLIMITED_TRANSFER_SIZE: TransferSize = { bodyCap: Number.POSITIVE_INFINITY, softCap: Number.POSITIVE_INFINITY, patience: 1 };

/** The longest a transfer may take: this many request timeouts (15 s each in production: 2 minutes). */
export const MAX_PATIENCE = 8;

/**
 * A transfer grows the soft cap only when twice its events, at the pace this one went, would be
 * answered within this share of the request timeout: a margin for a link whose pace varies.
 */
export const GROW_WITHIN_SHARE = 0.5;

const half = (cap: number, sent: number): number => Math.max(1, Math.floor(Math.min(cap, sent) / 2));

/** The most events the next transfer may carry, within `most` (HQ's limit for a push; the page size the desk asks for, within HQ's, for a pull). */
export const transferLimit = (size: TransferSize, most: number): number => Math.max(1, Math.min(most, size.bodyCap, size.softCap));

/** HQ (or a proxy before it) answered 413 to a push of `sent` events. */
export const afterTooLarge = (size: TransferSize, sent: number): TransferSize => ({ ...size, bodyCap: half(size.bodyCap, sent) });

/**
 * A transfer of `sent` events (for a page: the limit asked) was not answered in time; `pieces`:
 * how many parts it could be split into (a push's commands; a page's events, the default). One
 * piece cannot be split, so the next try gets more time instead of fewer events.
 */
export const afterTimeout = (size: TransferSize, sent: number, pieces = sent): TransferSize =>
  pieces <= 1 ? { ...size, softCap: 1, patience: Math.min(MAX_PATIENCE, size.patience * 2) } : { ...size, softCap: half(size.softCap, sent) };

/** How long the next transfer may take: the request timeout, times the patience learnt. */
export const transferTimeoutMs = (size: TransferSize, timeoutMs: number): number => timeoutMs * size.patience;

/** HQ answered a transfer of `sent` events (for a page: the events it held) `tookMs` after it left. */
export const afterAnswer = (size: TransferSize, transfer: { readonly sent: number; readonly tookMs: number; readonly timeoutMs: number; readonly most: number }): TransferSize => {
  if (transfer.sent < 1) return size;
  // Patience shrinks as the soft cap grows: only once a transfer arrives well within the plain timeout.
  const fast = transfer.tookMs <= transfer.timeoutMs * GROW_WITHIN_SHARE;
  const patience = fast ? Math.max(1, size.patience / 2) : size.patience;
  if (size.softCap === Number.POSITIVE_INFINITY || size.patience > 1) return patience === size.patience ? size : { ...size, patience };
  const grown = size.softCap * 2;
  // The time `grown` events would take at this transfer's pace.
  if ((transfer.tookMs * grown) / transfer.sent > transfer.timeoutMs * GROW_WITHIN_SHARE) return { ...size, patience };
  return { ...size, patience, softCap: grown >= Math.min(transfer.most, size.bodyCap) ? Number.POSITIVE_INFINITY : grown };
};
